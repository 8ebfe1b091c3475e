# $(file) in a recipe runs when the recipe is expanded.
all:
	$(file >list.txt,$@ $^)
	@cat list.txt
