# A pattern rule without recipe cancels a built-in rule.
%.o: %.c
all: foo.o
#!file foo.c
