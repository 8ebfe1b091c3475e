# $(MAKE) -C dir: Entering/Leaving lines with the level in brackets.
all:
	@$(MAKE) -C sub
	@echo back at level $(MAKELEVEL)
#!file sub/Makefile
all: ; @echo in sub at level $(MAKELEVEL)
