# -n -W shows what would happen if FILE changed.
#! args: -n -W a.c
all: a.o b.o
%.o: %.c ; cc -c $<
#!file a.c mtime=-10
#!file b.c mtime=-10
#!file a.o
#!file b.o
