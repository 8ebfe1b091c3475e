# -w at the top prints the top's directory lines, and the sub-make's.
#! args: -w
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo sub
