# '+=' on a simple variable expands the added text at once.
b = early
a := one
a += two $(b)
b = late
$(info [$(a)] $(flavor a))
all: ; @:
