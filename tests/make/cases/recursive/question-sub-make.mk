# -q with a sub-make line: the line runs and the status follows the sub-make's answer.
#! args: -q
all: ; @$(MAKE) -C sub
#!file sub/Makefile
all: ; @echo never
