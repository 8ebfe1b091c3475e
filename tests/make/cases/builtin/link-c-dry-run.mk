# The built-in rule chain for a program from %.c.
#! args: -n prog
#! makefile: none
#!file prog.c
