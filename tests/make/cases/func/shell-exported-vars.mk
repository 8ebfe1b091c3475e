# $(shell) sees exported makefile variables (4.4).
export EXP = exported
NOEXP = hidden
$(info [$(shell echo "$$EXP" "$$NOEXP")])
all: ; @:
