# $(join) pairs words; leftover words of the longer list are kept.
$(info [$(join a b c,1 2)] [$(join a,1 2 3)] [$(join ,x)])
all: ; @:
