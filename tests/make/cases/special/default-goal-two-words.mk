# .DEFAULT_GOAL with two names is an error.
.DEFAULT_GOAL = a b
a b: ; @echo $@
