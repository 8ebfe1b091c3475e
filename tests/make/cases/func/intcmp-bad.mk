# A non-numeric argument to $(intcmp).
$(info $(intcmp 1x,2))
all: ; @:
