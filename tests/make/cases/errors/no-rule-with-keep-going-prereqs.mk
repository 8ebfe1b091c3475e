# With -k, two missing prerequisites are both reported.
#! args: -k
all: a b ; @echo never
