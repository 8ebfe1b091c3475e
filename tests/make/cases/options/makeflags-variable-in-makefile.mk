# A variable assignment added to MAKEFLAGS in the makefile is seen by sub-makes.
MAKEFLAGS += SUBV=from-flags
all: ; @$(MAKE) -f sub.mk --no-print-directory
#!file sub.mk
all: ; @echo 'SUBV=$(SUBV) origin=$(origin SUBV)'
