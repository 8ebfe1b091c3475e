# The top makefile re-invokes itself for a sub-directory with exported settings.
export KBUILD_VERBOSE := 0
export srctree := $(CURDIR)
all: ; @$(MAKE) -C sub -f $(srctree)/sub.mk obj=sub --no-print-directory
#!file sub.mk
$(info in $(notdir $(CURDIR)): obj=$(obj) verbose=$(KBUILD_VERBOSE) srctree=$(notdir $(srctree)))
__build: ; @:
#!dir sub
