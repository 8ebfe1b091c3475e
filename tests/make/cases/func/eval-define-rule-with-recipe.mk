# $(eval) of a define with a recipe; $$ survives to the recipe.
define mkrule
$(1):
	@echo 'target $$@ says $(2)'
endef
$(eval $(call mkrule,hello,hi))
$(eval $(call mkrule,bye,ciao))
all: hello bye
.DEFAULT_GOAL := all
