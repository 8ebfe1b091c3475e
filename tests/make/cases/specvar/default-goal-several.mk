# .DEFAULT_GOAL must name a single target.
.DEFAULT_GOAL = a b
a b: ; @echo $@
