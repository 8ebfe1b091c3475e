# Options like -k and -s reach sub-makes in MAKEFLAGS.
#! args: -s -k
all:
	$(MAKE) -f sub.mk
#!file sub.mk
all: a b
a: ; echo a; exit 1
b: ; echo 'b MAKEFLAGS=$(MAKEFLAGS)'
