# -n and -B in MAKEFLAGS.
#! args: -n -B
$(info [$(MAKEFLAGS)])
all: ; @echo hi
