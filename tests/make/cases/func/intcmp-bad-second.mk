# A non-numeric second argument to $(intcmp).
$(info $(intcmp 1,two,lt))
all: ; @:
