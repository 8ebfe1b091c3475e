# $(sort) orders by bytes (uppercase before lowercase) and removes duplicates.
$(info $(sort b B a A 10 9 _x a b))
all: ; @:
