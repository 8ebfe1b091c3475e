# -Cdir written as one word, and --directory=dir.
#! args: -Csub --directory=inner
#! makefile: none
#!file sub/inner/Makefile
all: ; @echo here
