# The result of '!=' is a recursive variable: a '$' in the output is expanded at use.
x = expanded
a != echo '$$(x)'
$(info $(a))
all: ; @:
