# $$* in a pattern rule's prerequisites is the stem.
.SECONDEXPANSION:
all: x.out
%.out: $$*.in $$(addsuffix .h,$$*) ; @echo '$@: $^'
#!file x.in
#!file x.h
