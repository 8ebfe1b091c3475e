# A self-referencing variable found while expanding a recipe.
x = $(y)
y = $(x)
all: ; @echo $(x)
