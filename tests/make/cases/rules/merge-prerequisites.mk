# Prerequisites of rules without recipes add up; the recipe may be anywhere.
all: t
t: a
t: b c
	@echo $@: $^
t: d
a b c d: ; @echo $@
