# Second expansion in pattern rules: $$* is the stem.
.SECONDEXPANSION:
%.out: $$*.in $$(extra_$$*) ; @echo '$@: $^'
extra_x = x.extra
all: x.out y.out
x.in x.extra y.in: ; @:
