# A lone '$' at the end of a value.
a = text$
$(info [$(a)])
all: ; @:
