# $(if) with no arguments at all.
$(info [$(if)])
all: ; @:
