# GNUmakefile is read before makefile and Makefile.
#! makefile: GNUmakefile
all: ; @echo GNUmakefile
#!file makefile
all: ; @echo makefile
#!file Makefile
all: ; @echo Makefile
