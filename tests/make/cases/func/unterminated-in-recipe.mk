# An unterminated function call found when the recipe is expanded.
all:
	@echo before
	@echo $(patsubst a,b,abc
