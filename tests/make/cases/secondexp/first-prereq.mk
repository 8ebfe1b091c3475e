# $$< in the second expansion of an explicit rule: the first prerequisite so far.
.SECONDEXPANSION:
all: one
all: $$<.copy ; @echo '$^'
one one.copy: ; @:
