# '?=' does not replace a variable from the environment.
#! env: FROMENV=env-value
FROMENV ?= makefile-value
OTHER ?= makefile-value
$(info $(FROMENV) $(origin FROMENV) $(OTHER) $(origin OTHER))
all: ; @:
