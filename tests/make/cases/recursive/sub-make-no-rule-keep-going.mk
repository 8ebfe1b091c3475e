# -k with a sub-make that has no rule for its goal.
#! args: -k
all: ; @$(MAKE) -C sub nothere
#!file sub/Makefile
real: ; @echo real
