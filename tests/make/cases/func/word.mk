# $(word n,text) is the n-th word; past the end it is empty.
$(info $(word 2,a b c) [$(word 4,a b c)] $(word 01,a b c))
all: ; @:
