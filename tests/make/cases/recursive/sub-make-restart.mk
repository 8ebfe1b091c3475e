# A sub-make that remakes its makefile restarts by itself.
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo 'sub X=$(X) restarts=$(MAKE_RESTARTS)'
-include gen.mk
gen.mk: ; @echo 'X = 1' > $@
