# Files in $(MAKEFILES) are read first, but do not provide the default goal.
#! env: MAKEFILES=extra.mk
all: ; @echo 'all, E=$(E) list=$(MAKEFILE_LIST)'
#!file extra.mk
E = extra
first: ; @echo should not be default
