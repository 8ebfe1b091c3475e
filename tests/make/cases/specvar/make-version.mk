# MAKE_VERSION starts with the major version 4.
$(info $(word 1,$(subst ., ,$(MAKE_VERSION))) $(origin MAKE_VERSION))
all: ; @:
