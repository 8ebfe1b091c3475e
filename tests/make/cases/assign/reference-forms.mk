# $x, $(x) and ${x}; a single-character name needs no parentheses.
x = X
xy = XY
$(info $x $xy $(x) ${x} $(xy) ${xy})
$(info $$ $$$$ $$x)
all: ; @:
