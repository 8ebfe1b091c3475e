# Entering/Leaving lines go to stdout; sub-make errors to stderr.
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo out; echo err >&2; exit 1
