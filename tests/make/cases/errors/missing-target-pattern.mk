# A static pattern rule without a target pattern.
all: a.x
a.x: : %.z ; @:
