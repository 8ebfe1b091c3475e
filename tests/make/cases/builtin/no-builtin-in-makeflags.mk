# Setting -r in MAKEFLAGS inside the makefile drops the built-in rules.
MAKEFLAGS += -r
all: foo.o
#!file foo.c
