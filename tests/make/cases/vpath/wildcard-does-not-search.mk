# $(wildcard) does not use vpath.
vpath %.c src
$(info [$(wildcard a.c)] [$(wildcard src/a.c)])
all: ; @:
#!file src/a.c
