# A tab line after a variable assignment and before any rule.
X = 1
	@echo orphan
all: ; @:
