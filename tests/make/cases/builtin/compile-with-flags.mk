# Built-in rules use CFLAGS, CPPFLAGS, TARGET_ARCH, LDFLAGS and LDLIBS.
#! args: -n prog
CC = mycc
CFLAGS = -O2
CPPFLAGS = -DX
LDFLAGS = -Lx
LDLIBS = -lm
prog: prog.o util.o
#!file prog.c
#!file util.c
