# -C changes directory first and announces it.
#! args: -C sub
#! makefile: none
#!file sub/Makefile
all: ; @echo in sub; pwd | sed 's|.*/||'
