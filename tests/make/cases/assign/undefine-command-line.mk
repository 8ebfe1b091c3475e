# A command-line variable survives 'undefine' unless 'override' is used.
#! args: a=cmd b=cmd
undefine a
override undefine b
$(info [$(a)] $(origin a) [$(b)] $(origin b))
all: ; @:
