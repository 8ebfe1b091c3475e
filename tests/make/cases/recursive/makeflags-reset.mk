# Clearing MAKEFLAGS on the $(MAKE) line drops the options; the variable still arrives.
#! args: -k V=1
all: ; @$(MAKE) -f sub.mk MAKEFLAGS=
#!file sub.mk
all: ; @echo 'V=[$(V)] MAKEFLAGS=[$(MAKEFLAGS)]'
