# $(eval) in a recipe defines variables when the recipe is expanded.
all: second
	$(eval v = set by all)
	@echo all: $(v)
second:
	@echo second: [$(v)]
