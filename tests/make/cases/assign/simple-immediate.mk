# ':=' expands once, at the assignment.
b = first
a := [$(b)]
b = second
$(info $(a) $(flavor a))
c := $(c) appended-to-undefined
$(info [$(c)])
all: ; @:
