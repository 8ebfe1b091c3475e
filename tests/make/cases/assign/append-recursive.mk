# '+=' on a recursive variable stays recursive: the added text is not expanded.
a = one $(b)
a += two $(b)
b = late
$(info [$(a)] $(flavor a))
$(info [$(value a)])
all: ; @:
