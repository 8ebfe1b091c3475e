# An empty argument to $(intcmp) is not a number.
$(info $(intcmp ,1,lt))
all: ; @:
