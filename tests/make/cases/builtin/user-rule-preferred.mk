# A makefile pattern rule is preferred to the built-in one.
%.o: %.c ; @echo 'mine: $< -> $@'
all: foo.o
#!file foo.c
