# Built-in rules for C++ and assembler sources.
#! args: -n a.o b.o c.o
#!file a.cc
#!file b.cpp
#!file c.s
