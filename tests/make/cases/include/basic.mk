# include reads another makefile in place; MAKEFILE_LIST grows.
include one.mk two.mk
$(info $(ONE) $(TWO))
$(info $(MAKEFILE_LIST))
all: ; @echo all
#!file one.mk
ONE = one
#!file two.mk
TWO = two
$(info reading two.mk: $(lastword $(MAKEFILE_LIST)))
