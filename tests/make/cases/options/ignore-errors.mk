# -i ignores all recipe errors.
#! args: -i
all: a b
a: ; @exit 2
b: ; @echo b
