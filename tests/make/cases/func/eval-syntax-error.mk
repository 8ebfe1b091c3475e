# A missing separator inside $(eval) is reported at the eval's line.
x = 1

$(eval this is not a rule)
all: ; @:
