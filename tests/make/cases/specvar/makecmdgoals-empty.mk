# MAKECMDGOALS is empty when the default goal is used.
$(info [$(MAKECMDGOALS)] $(origin MAKECMDGOALS))
all: ; @:
