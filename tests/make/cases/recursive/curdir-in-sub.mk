# CURDIR in a sub-make started with -C.
all: ; @$(MAKE) --no-print-directory -C sub
#!file sub/Makefile
all: ; @echo '$(CURDIR)'
