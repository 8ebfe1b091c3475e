# $(MAKE) -f in the same directory: no directory lines.
all:
	@$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo sub.mk at level $(MAKELEVEL)
