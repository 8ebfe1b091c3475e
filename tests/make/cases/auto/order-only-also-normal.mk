# A prerequisite that is both normal and order-only counts as normal.
t: a | a b b ; @echo '^=[$^] |=[$|]'
a b: ; @:
