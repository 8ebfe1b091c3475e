# $(if cond,then,else): the condition is true when it expands to non-blank.
$(info [$(if x,yes,no)] [$(if ,yes,no)] [$(if ,yes)] [$(if  ,yes,no)])
$(info [$(if a,$(info then-only),$(info else-only))])
all: ; @:
