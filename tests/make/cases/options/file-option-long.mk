# --file= and --makefile= spellings.
#! args: --file=a.mk --makefile b.mk
#! makefile: none
#!file a.mk
all: ; @echo $(MAKEFILE_LIST)
#!file b.mk
