# Only the first character of .RECIPEPREFIX counts; empty means TAB.
$(info [$(.RECIPEPREFIX)] $(origin .RECIPEPREFIX))
.RECIPEPREFIX := xy
all:
x@echo first char
