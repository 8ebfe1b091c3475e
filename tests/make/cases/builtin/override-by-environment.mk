# The environment beats built-in variables.
#! env: CC=envcc
#! args: -n x.o
$(info $(CC) $(origin CC))
#!file x.c
