# Implicit rule search is skipped for phony targets.
.PHONY: x.o
all: x.o
x.o: ; @echo 'explicit empty-recipe x.o'
%.o: %.c ; @echo never
#!file x.c
