# $(let) with two arguments.
$(info $(let a,b))
all: ; @:
