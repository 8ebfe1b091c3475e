# A ':' in the value of an assignment is text, not a rule.
a = b:c
d := e : f
$(info [$(a)] [$(d)])
all: ; @:
