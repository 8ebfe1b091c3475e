# An error in $(eval) text is reported at the line of the eval.
x = 1
$(eval a b c)
all: ; @:
