# Several -C options are relative to each other.
#! args: -C a -C b
#! makefile: none
#!file a/b/Makefile
all: ; @echo in a/b
