# A variable from the environment set in the makefile is exported with its new value.
#! env: FROMENV=old
FROMENV = new
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'FROMENV=$(FROMENV) origin=$(origin FROMENV)'
