# An ignored sub-make failure: Error 2 (ignored).
all:
	-@$(MAKE) -C sub
	@echo went on
#!file sub/Makefile
all: ; @false
