# $$(@D) and $$(@F) in prerequisites.
.SECONDEXPANSION:
all: sub/x.o
sub/x.o: $$(@D)/src/$$(patsubst %.o,%.c,$$(@F)) ; @echo '$@ from $<'
#!file sub/src/x.c
