# MAKEFLAGS += -r in the makefile removes built-in rules for this run (4.4).
MAKEFLAGS += -r
all: x.o
#!file x.c
