# -t runs $(MAKE) lines, so the sub-make touches its targets.
#! args: -t
all: ; $(MAKE) -C sub
#!file sub/Makefile
t: ; @echo never
