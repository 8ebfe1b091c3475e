# Empty lines after expansion are not run; blank lines in a recipe are allowed.
empty =
all:
	$(empty)
	@echo one

	@echo two
