# A static pattern rule with '::'.
all: a.o
a.o:: %.o: %.c ; @echo 'dc static $<'
#!file a.c
