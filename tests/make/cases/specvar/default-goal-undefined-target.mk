# .DEFAULT_GOAL naming a target without a rule.
.DEFAULT_GOAL = nothing
all: ; @echo all
