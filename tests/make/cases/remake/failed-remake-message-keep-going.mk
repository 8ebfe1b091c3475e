# With -k a failing required makefile still stops make after the attempt.
#! args: -k
include bad.mk
all: ; @echo not reached
bad.mk: ; @false
