# The $(MAKE) line is echoed like any other line.
all:
	$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo sub
