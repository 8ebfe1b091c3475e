# A non-numeric index to $(word).
$(info $(word x,a b c))
all: ; @:
