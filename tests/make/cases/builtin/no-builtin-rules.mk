# -r disables the built-in rules.
#! args: -r foo.o
#!file foo.c
