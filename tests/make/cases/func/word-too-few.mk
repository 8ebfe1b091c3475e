# $(word) with one argument.
$(info $(word 1))
all: ; @:
