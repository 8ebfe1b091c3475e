# The built-in %.o from %.c command line with CFLAGS, CPPFLAGS and TARGET_ARCH, under -n.
#! args: -n CFLAGS=-O2 CPPFLAGS=-DX TARGET_ARCH=-march=z
all: x.o
#!file x.c
