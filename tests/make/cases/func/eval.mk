# $(eval) parses its argument as makefile text.
$(eval x = 1)
$(info x=$(x))
$(eval $(info side effect during expansion))
$(eval y := $$(x))
$(info y=$(y))
define rule
gen-$(1): ; @echo rule for $$@
endef
$(eval $(call rule,a))
all: gen-a
