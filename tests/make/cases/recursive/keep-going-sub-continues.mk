# -k: the sub-make keeps going; the parent then reports the sub-make's failure and goes on.
#! args: -k
all: sub other
sub: ; @$(MAKE) -C sub
other: ; @echo other
.PHONY: sub
#!file sub/Makefile
all: a b
a: ; @exit 1
b: ; @echo b in sub
