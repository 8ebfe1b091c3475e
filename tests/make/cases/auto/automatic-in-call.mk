# A function called from a recipe uses the recipe's automatic variables.
describe = $(1) is $@, first from $<
t: p q ; @echo '$(call describe,target)'
p q: ; @:
