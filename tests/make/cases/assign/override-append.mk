# 'override +=' appends to a command-line value.
#! args: a=cmd
override a += more
override a += again
$(info [$(a)] $(origin a))
all: ; @:
