# MAKELEVEL from the environment is the starting level.
#! env: MAKELEVEL=3
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo level $(MAKELEVEL)
