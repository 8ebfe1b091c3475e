# $@ inside target-specific values and $(eval) in a recipe.
all: a b
a b: msg = building $@
a b:
	@echo '$(msg)'
