# 'a: b = c' is a target-specific variable, 'a := b' a variable.
a: b = c
a: ; @echo '[$(b)]'
x := y: z
$(info [$(x)])
