# $(shell) in a recipe runs when the recipe is expanded, in the working directory.
all:
	@echo '$(shell pwd | sed "s|.*/||")'
