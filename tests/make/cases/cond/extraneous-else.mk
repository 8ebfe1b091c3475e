# An else without a conditional.
all: ; @:
else
