# MFLAGS holds the option letters with a dash; MAKEFLAGS without one.
#! args: -k -s
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'MFLAGS=[$(MFLAGS)] MAKEFLAGS=[$(MAKEFLAGS)]'
