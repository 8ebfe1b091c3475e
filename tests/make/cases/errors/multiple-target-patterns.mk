# A static pattern rule with two target patterns.
all: a.x
a.x: %.x %.y: %.z ; @:
