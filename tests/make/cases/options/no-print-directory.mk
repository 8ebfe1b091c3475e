# --no-print-directory suppresses them with -C.
#! args: --no-print-directory -C sub
#! makefile: none
#!file sub/Makefile
all: ; @echo hi
