# Pattern rules are never the default goal.
%.x: ; @echo pattern $@
real: ; @echo real
