# $(warning) in a recipe reports the recipe line.
all:
	@echo first
	$(warning from line four)@echo second
