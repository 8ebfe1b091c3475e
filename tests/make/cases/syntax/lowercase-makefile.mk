# 'makefile' is preferred to 'Makefile'.
#! makefile: makefile
all: ; @echo makefile
#!file Makefile
all: ; @echo Makefile
