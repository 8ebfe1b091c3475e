# .RECIPEPREFIX can change and be reset to the tab.
.RECIPEPREFIX = >
a:
>@echo a with '>'
.RECIPEPREFIX =
b:
	@echo b with tab
all: a b
.DEFAULT_GOAL = all
