# ':::=' expands now, escapes the '$' of the result and makes a recursive variable.
b = first
d = $$
a :::= [$(b)] [$$(b)] [$(d)(b)]
b = second
$(info $(a))
$(info $(flavor a))
$(info $(value a))
all: ; @:
