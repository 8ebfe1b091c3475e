# $(eval) of a rule with prerequisites inside a recipe.
all:
	$(eval x: y)
	@echo done
