# .RECIPEPREFIX reads back what was set.
.RECIPEPREFIX = >
$(info [$(.RECIPEPREFIX)])
all:
>@echo ok
