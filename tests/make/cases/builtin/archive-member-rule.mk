# The built-in rule for archive members, shown with -n.
#! args: -n 'lib.a(m.o)'
#!file m.o
