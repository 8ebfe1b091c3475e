# $(words), $(firstword), $(lastword).
x = one two  three
$(info $(words $(x)) $(firstword $(x)) $(lastword $(x)))
$(info [$(words )] [$(firstword )] [$(lastword )])
all: ; @:
