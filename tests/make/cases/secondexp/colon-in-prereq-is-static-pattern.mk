# A colon left by the first expansion ($$(@F:.o=.c)) makes the line a static pattern rule.
.SECONDEXPANSION:
all: sub/x.o
sub/x.o: $$(@D)/src/$$(@F:.o=.c) ; @echo '$@ from $<'
#!file sub/src/x.c
