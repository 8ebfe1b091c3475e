# References nest to any depth.
a = b
b = c
c = d
$(info $(a) $($(a)) $($($(a))))
all: ; @:
