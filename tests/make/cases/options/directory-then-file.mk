# -f is looked up after -C changes directory.
#! args: -C sub -f other.mk
#! makefile: none
#!file sub/other.mk
all: ; @echo 'from other.mk'
