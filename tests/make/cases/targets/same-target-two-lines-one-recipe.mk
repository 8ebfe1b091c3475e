# Prerequisites given on two lines merge; the recipe comes from the one with it.
x: a
x: b ; @echo '$^'
x: c
a b c: ; @:
