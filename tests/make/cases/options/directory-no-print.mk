# --no-print-directory suppresses the -C messages.
#! args: --no-print-directory -C sub
#! makefile: none
#!file sub/Makefile
all: ; @echo quiet
