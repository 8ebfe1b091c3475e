# $(join) pairs words; extra words are kept as they are.
$(info $(join a b,.c .o))
$(info $(join a b c,1))
$(info $(join a,1 2 3))
all: ; @:
