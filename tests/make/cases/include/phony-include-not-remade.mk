# A .PHONY included makefile is not remade (that would loop forever).
all: ; @echo all X=$(X)
-include gen.mk
.PHONY: gen.mk
gen.mk:
	@echo remaking gen.mk
	@echo 'X = 1' > $@
