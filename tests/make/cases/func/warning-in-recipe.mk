# A $(warning) in a recipe names the recipe line.
all:
	@echo one
	@echo two $(warning from recipe)
