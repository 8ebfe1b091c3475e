# -s reaches the sub-make: its recipes are not echoed and no directory lines appear.
#! args: -s
all: ; $(MAKE) -C sub
#!file sub/Makefile
all: ; echo sub ran
