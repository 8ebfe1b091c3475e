# An unbalanced '(' inside ${...} still counts for the enclosing $(...).
$(info ${subst (,[,a(b)})
all: ; @:
