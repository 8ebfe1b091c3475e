# .RECIPEPREFIX replaces TAB as the recipe introducer.
.RECIPEPREFIX = >
all:
>@echo with '>'
> @echo blank after prefix
.RECIPEPREFIX =
other:
	@echo tab again
