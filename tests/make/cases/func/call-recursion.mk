# $(call) can recurse.
reverse = $(if $(1),$(call reverse,$(wordlist 2,$(words $(1)),$(1))) $(firstword $(1)))
$(info [$(strip $(call reverse,a b c d))])
map = $(foreach a,$(2),$(call $(1),$(a)))
double = $(1)$(1)
$(info $(call map,double,x y))
all: ; @:
