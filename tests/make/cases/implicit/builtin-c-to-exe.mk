# The built-in rule making a program straight from its .c file.
CC = @echo cc
all: prog
#!file prog.c
