# $(call) of a simple variable: the value was expanded at definition.
f := [$(1)]
g = [$(1)]
$(info $(call f,x) $(call g,x))
all: ; @:
