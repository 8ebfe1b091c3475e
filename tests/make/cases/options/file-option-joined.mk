# -fNAME written as one word.
#! args: -fother.mk
#! makefile: none
#!file other.mk
all: ; @echo other
