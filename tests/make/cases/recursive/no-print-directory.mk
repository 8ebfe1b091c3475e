# --no-print-directory passes down too.
#! args: --no-print-directory
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo sub
