# '+=' on an undefined variable makes a recursive one, without a leading space.
a += $(b)
b = late
$(info [$(a)] $(flavor a))
e =
e += x
$(info [$(e)])
all: ; @:
