# $(dir) keeps up to the last '/', or './'; $(notdir) the rest.
x = src/foo.c hacks /abs/x dir/ a/b/c
$(info $(dir $(x)))
$(info [$(notdir $(x))])
all: ; @:
