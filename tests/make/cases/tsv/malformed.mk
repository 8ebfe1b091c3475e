# A target-specific line without a valid assignment is a rule with a strange prerequisite.
all: v
all: ; @echo '$^'
v: ; @:
