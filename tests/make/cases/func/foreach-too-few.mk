# $(foreach) with two arguments.
$(info $(foreach a,b))
all: ; @:
