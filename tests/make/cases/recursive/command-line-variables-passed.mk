# Command-line variables reach sub-makes through MAKEFLAGS.
#! args: V=cmd
V = ignored
all:
	@$(MAKE) -f sub.mk
#!file sub.mk
V = sub-file
all: ; @echo 'V=$(V) origin $(origin V) MAKEOVERRIDES=[$(MAKEOVERRIDES)]'
