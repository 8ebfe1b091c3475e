# Messages of a sub-make carry its level.
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all:
