# In the second expansion, $$@ is the target, $$^ the prerequisites of earlier rules.
.SECONDEXPANSION:
all: x.out
x.out: early
x.out: $$@.in $$^-copy ; @echo '$@: $^'
early x.out.in early-copy: ; @:
