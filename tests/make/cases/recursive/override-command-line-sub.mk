# A sub-make's command-line variable beats the parent's MAKEFLAGS one.
#! args: V=top
all: ; @$(MAKE) -f sub.mk V=line
#!file sub.mk
all: ; @echo 'V=$(V)'
