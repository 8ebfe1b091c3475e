# Prerequisites of an explicit rule without recipe are added to the implicit rule's.
all: x.o
x.o: extra.h
%.o: %.c ; @echo '$@: $^'
#!file x.c
#!file extra.h
