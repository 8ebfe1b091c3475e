# $(patsubst) with two arguments, in a recipe.
all: ; @echo $(patsubst %.c,%.o)
