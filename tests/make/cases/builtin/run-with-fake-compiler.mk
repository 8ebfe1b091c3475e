# Built-in rules really run, here with a fake compiler.
CC = ./fakecc
all: x.o
#!file fakecc exec
#!/bin/sh
echo "fakecc $*"
for last; do :; done
: > x.o
#!file x.c
