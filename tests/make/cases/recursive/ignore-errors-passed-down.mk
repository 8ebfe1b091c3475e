# -i reaches the sub-make.
#! args: -i
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @false; echo ignored in sub
