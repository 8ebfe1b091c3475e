# Chains of pattern rules through files that do not exist.
all: x.c3
%.c3: %.c2 ; @echo '$< -> $@'; touch $@
%.c2: %.c1 ; @echo '$< -> $@'; touch $@
%.c1: %.c0 ; @echo '$< -> $@'; touch $@
#!file x.c0
