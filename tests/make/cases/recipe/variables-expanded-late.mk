# Recipes are expanded just before they run, after the whole makefile is read.
all:
	@echo $(v)
v = defined-after-the-rule
