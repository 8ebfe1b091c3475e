# An endef after a rule is read as a line of the rule context.
all: ; @:
endef
