# A target-specific value holds in that target's recipe.
v = global
all: one two
one: v = for-one
one two: ; @echo '$@: $(v)'
$(info parse time: $(v))
