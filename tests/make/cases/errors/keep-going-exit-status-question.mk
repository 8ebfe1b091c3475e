# -q with an error in prerequisites.
#! args: -q -k
all: missing other
other: ; @echo never
