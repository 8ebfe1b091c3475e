# The rule with the shortest stem is preferred, whatever the order.
all: lib/foo.o
%.o: %.c ; @echo 'generic: $*'
lib/%.o: lib/%.c ; @echo 'lib: $*'
#!file lib/foo.c
