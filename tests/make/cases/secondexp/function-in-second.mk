# Functions and late variables in the second expansion: the value at rule time is the final one.
.SECONDEXPANSION:
all: prog
prog: $$(LATE) $$(patsubst %,lib%.a,$$(LIBS)) ; @echo '$^'
LATE = late.o
LIBS = m z
late.o libm.a libz.a: ; @:
