# A double-colon rule without a recipe.
all:: dep
dep: ; @echo dep made
