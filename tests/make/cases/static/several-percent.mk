# Only the first % of a prerequisite pattern is replaced.
all: x.o
x.o: %.o: %-%.c ; @echo '$^'
#!file x-%.c
