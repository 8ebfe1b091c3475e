# An empty .SUFFIXES removes the built-in suffix rules.
.SUFFIXES:
all: x.o
#!file x.c
