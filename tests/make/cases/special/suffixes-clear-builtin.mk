# An empty .SUFFIXES removes the built-in suffix rules, among them the one making x.o from x.c.
.SUFFIXES:
CC = @echo cc
all: x.o
#!file x.c
