# No rule chain ends in an existing file.
all: x.c2
%.c2: %.c1 ; @touch $@
%.c1: %.c0 ; @touch $@
