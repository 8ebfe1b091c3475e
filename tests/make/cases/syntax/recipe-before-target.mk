# A TAB line before the first rule.
x = 1
	@echo orphan
all: ; @:
