# -r removes built-in rules; the suffix list is empty, built-in variables stay.
#! args: -r
$(info suffixes=[$(SUFFIXES)] CC=[$(CC)])
all: x.o
#!file x.c
