# $(word 0,...) is an error.
$(info $(word 0,a b c))
all: ; @:
