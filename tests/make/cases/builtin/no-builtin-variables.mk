# -R disables the built-in variables (and the rules).
#! args: -R
$(info [$(CC)] [$(origin CC)] [$(MAKE)] [$(MAKEFLAGS)])
all: ; @:
