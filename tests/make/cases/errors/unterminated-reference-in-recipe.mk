# An unterminated variable reference in a recipe, found at run time.
all:
	@echo $(oops
