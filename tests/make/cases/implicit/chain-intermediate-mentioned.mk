# A file mentioned in the makefile is not intermediate, so it is kept.
all: x.c2
x.c1:
%.c2: %.c1 ; @echo '$< -> $@'; touch $@
%.c1: %.c0 ; @echo '$< -> $@'; touch $@
#!file x.c0
