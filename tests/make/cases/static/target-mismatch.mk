# A target that does not match the target pattern: a warning, and no prerequisites from it.
all: a.o b.x
a.o b.x: %.o: %.c ; @echo '$@ [$^]'
#!file a.c
