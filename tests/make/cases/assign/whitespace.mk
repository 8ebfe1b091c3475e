# Leading blanks of a value are dropped; trailing blanks (before a comment) are kept.
a =    value   # comment
b =	tab-led
empty :=
space := $(empty) $(empty)
$(info [$(a)] [$(b)] [$(space)])
c = $(space)lead
$(info [$(c)])
all: ; @:
