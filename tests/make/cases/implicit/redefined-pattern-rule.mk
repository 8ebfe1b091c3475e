# A pattern rule with the same target and prerequisite patterns replaces the earlier one.
all: x.o
%.o: %.c ; @echo first
%.o: %.c ; @echo second
#!file x.c
