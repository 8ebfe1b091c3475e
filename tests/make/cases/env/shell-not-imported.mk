# SHELL from the environment is not used for recipes.
#! env: SHELL=/bin/false
$(info $(SHELL) $(origin SHELL))
all: ; @echo recipes still run
