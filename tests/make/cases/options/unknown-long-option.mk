# An unknown long option is reported and the usage printed.
#! args: --frobnicate
all: ; @:
