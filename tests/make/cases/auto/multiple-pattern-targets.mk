# In a pattern rule with two targets, $@ is the target that triggered it; $* the shared stem.
all: gen.h
%.c %.h: %.def ; @echo '@=$@ *=$* <=$<'
#!file gen.def
