# An empty command-line value still wins.
#! args: a=
a = makefile
$(info [$(a)] $(origin a))
all: ; @:
