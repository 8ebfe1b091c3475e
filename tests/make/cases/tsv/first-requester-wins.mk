# A prerequisite shared by two targets is made once, with the first target's values.
all: a b
a: v = from-a
b: v = from-b
a b: shared ; @echo '$@: $(v)'
shared: ; @echo '$@: $(v)'
