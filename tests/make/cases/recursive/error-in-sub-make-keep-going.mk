# -k in a failing sub-make.
#! args: -k
all: one two
one: ; @$(MAKE) -C sub
two: ; @echo two
#!file sub/Makefile
all: a b
a: ; @exit 1
b: ; @echo sub b
