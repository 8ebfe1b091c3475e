# '+=' on a '::=' variable expands at once, like ':='.
b = early
a ::= x
a += $(b)
b = late
$(info [$(a)] $(flavor a))
all: ; @:
