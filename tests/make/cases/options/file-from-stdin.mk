# -f - reads the makefile from standard input (a temporary file in MAKEFILE_LIST).
#! args: -f -
#! makefile: none
#! stdin: input.mk
#!file input.mk
all: ; @echo from stdin, $(words $(MAKEFILE_LIST)) makefile
