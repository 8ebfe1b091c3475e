# In a pattern rule, % is replaced before the second expansion, so a % it yields stays literal.
.SECONDEXPANSION:
PRE_foo = a%.c
all: foo.o
%.o: $$(PRE_$$*) ; @echo '$@ <- $<'
#!file afoo.c
