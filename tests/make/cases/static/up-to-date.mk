# Static pattern targets newer than their prerequisites are not remade.
all: a.o b.o
a.o b.o: %.o: %.c ; @echo 'remake $@'
#!file a.c
#!file b.c
#!file a.o mtime=10
#!file b.o mtime=-10
