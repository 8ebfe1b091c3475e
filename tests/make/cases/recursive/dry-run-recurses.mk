# Under -n, lines with $(MAKE) run, so the sub-make prints its commands.
#! args: -n
all:
	$(MAKE) -C sub
	echo top only printed
#!file sub/Makefile
all: ; echo sub printed only
