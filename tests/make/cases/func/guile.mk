# This make has no Guile: $(guile ...) is an undefined variable reference.
$(info [$(guile 1)])
$(info [$(guile (+ 1 2))])
$(info [$(filter guile,$(.FEATURES))])
all: ; @:
