# A non-numeric first argument to $(word).
$(info $(word x,a b))
all: ; @:
