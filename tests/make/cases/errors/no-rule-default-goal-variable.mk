# .DEFAULT_GOAL naming a target with no rule.
.DEFAULT_GOAL = nothere
all: ; @echo all
