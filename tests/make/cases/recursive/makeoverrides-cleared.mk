# Clearing MAKEOVERRIDES empties the variables part of MAKEFLAGS; the value still arrives through the environment.
#! args: V=cmd
MAKEOVERRIDES =
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'V=[$(V)] origin=$(origin V) MAKEFLAGS=[$(MAKEFLAGS)]'
