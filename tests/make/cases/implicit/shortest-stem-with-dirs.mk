# Of two matching pattern rules, the one with the shorter stem wins regardless of order.
all: lib/a.o
%.o: %.c ; @echo 'generic for $*'
lib/%.o: lib/%.c ; @echo 'lib rule for $*'
#!file lib/a.c
