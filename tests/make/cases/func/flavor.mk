# $(flavor) is undefined, recursive or simple.
r = 1
s := 1
$(info $(flavor nothing) $(flavor r) $(flavor s) $(flavor CC) $(flavor MAKE) $(flavor CURDIR) $(flavor @))
all: ; @:
