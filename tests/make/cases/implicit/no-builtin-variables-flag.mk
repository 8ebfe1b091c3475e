# -R removes built-in variables and implies -r.
#! args: -R
$(info CC=[$(CC)] origin=$(origin CC) MAKEFLAGS=[$(MAKEFLAGS)])
all: x.o
#!file x.c
