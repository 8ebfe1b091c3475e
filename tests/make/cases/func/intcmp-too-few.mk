# $(intcmp) with one argument.
$(info $(intcmp 1))
all: ; @:
