# An error in a sub-make is reported at both levels.
all:
	@$(MAKE) -C sub
	@echo not reached
#!file sub/Makefile
all: ; @exit 3
