# A PHONY default goal named __all that depends on a conditional target list.
PHONY := __all
__all:
KBUILD_EXTMOD ?=
ifeq ($(KBUILD_EXTMOD),)
__all: vmlinux
else
__all: modules
endif
vmlinux modules: ; @echo $@
PHONY += vmlinux modules
.PHONY: $(PHONY)
