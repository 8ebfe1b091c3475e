# -s implies --no-print-directory.
#! args: -s
all: ; $(MAKE) -C sub
#!file sub/Makefile
all: ; echo sub
