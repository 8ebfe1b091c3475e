# With -C, CURDIR is the new directory.
#! args: -C sub
#! makefile: none
#!file sub/Makefile
all: ; @echo $(CURDIR)
