# $(addsuffix) and $(addprefix) on each word.
$(info $(addsuffix .c,foo bar) $(addprefix src/,foo bar))
$(info [$(addsuffix .c,)] [$(addprefix x,)])
all: ; @:
