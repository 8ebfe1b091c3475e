# An included makefile with a double-colon rule without prerequisites is not remade.
all: ; @echo all X=$(X)
-include gen.mk
gen.mk::
	@echo remaking gen.mk
	@echo 'X = 1' > $@
