# MAKEFLAGS += -s in the makefile silences the recipes.
MAKEFLAGS += -s
all: ; echo quiet recipe
