# MAKEFILES names makefiles read before the others; their targets are not default goals.
#! env: MAKEFILES=extra.mk
$(info MAKEFILE_LIST=$(MAKEFILE_LIST))
all: ; @echo all $(FROM_EXTRA)
#!file extra.mk
FROM_EXTRA = extra
extra-target: ; @echo should not be the default
