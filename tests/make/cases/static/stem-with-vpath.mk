# Static pattern prerequisites are searched through VPATH; $< names the found file.
VPATH = src
all: k.o
k.o: %.o: %.c ; @echo '$* from $<'
#!file src/k.c
