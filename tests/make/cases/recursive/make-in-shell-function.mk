# $(MAKE) inside $(shell) is not a recursive make of this recipe; it still sees MAKEFLAGS and MAKELEVEL.
#! args: -n
x := $(shell $(MAKE) -s -f sub.mk)
$(info [$(x)])
all: ; @:
#!file sub.mk
all: ; @echo "sub says MAKELEVEL=$(MAKELEVEL) MAKEFLAGS=[$(MAKEFLAGS)]"
