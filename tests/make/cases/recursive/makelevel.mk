# MAKELEVEL counts nesting.
all:
	@echo level $(MAKELEVEL)
	@$(MAKE) -f one.mk
#!file one.mk
all:
	@echo level $(MAKELEVEL)
	@$(MAKE) -f two.mk
#!file two.mk
all: ; @echo level $(MAKELEVEL)
