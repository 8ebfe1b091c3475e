# '+=' on a ':::=' variable: how the added text is treated.
b = early
a :::= one $(b)
a += two $(b) $$(b)
b = late
$(info [$(a)] $(flavor a))
$(info [$(value a)])
all: ; @:
