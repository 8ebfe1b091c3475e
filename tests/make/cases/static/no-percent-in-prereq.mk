# Prerequisites without % are used as they are for every target.
all: a.o b.o
a.o b.o: %.o: common.h %.c ; @echo '$@: $^'
#!file a.c
#!file b.c
#!file common.h
