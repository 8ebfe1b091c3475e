# -f reads the named makefile (and not Makefile).
#! args: -f other.mk
all: ; @echo Makefile
#!file other.mk
all: ; @echo other.mk $(MAKEFILE_LIST)
