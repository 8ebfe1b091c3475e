# Under -n the sub-make runs but only prints its commands.
#! args: -n
all: ; $(MAKE) -C sub
#!file sub/Makefile
all: ; touch made.txt
