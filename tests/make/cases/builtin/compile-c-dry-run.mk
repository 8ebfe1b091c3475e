# The built-in rule for %.o from %.c, shown with -n.
#! args: -n foo.o
#!file foo.c
