# A chain through built-in rules: parser.o from parser.y via parser.c.
#! args: -n parser.o
#!file parser.y
