# $(or) returns the first non-empty argument, $(and) the last if none is empty.
$(info [$(or ,,b,c)] [$(or ,)] [$(and a,b,c)] [$(and a,,c)])
$(info [$(or x,$(info not evaluated))])
$(info [$(and ,$(info not evaluated either))])
all: ; @:
