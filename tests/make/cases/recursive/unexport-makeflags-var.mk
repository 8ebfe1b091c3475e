# 'unexport' of a command-line variable does not stop MAKEFLAGS passing it.
#! args: V=cmd
unexport V
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'V=[$(V)]'
