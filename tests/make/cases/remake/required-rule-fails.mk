# 'include' whose rule fails stops make with the rule's error.
include req.mk
all: ; @echo not reached
req.mk:
	@echo trying
	@exit 4
