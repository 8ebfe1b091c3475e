# $(and) stops at the first empty argument and $(or) at the first non-empty one.
$(info and=[$(and a,,$(info not expanded 1))])
$(info or=[$(or ,b,$(info not expanded 2))])
$(info and=[$(and a,b,c)] or=[$(or ,, )])
all: ; @:
