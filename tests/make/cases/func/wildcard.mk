# $(wildcard) expands globs, sorted, existing files only.
$(info $(wildcard *.c))
$(info $(wildcard src/*.h nothere.c b.c))
$(info $(wildcard ?.c))
$(info $(wildcard [ab].c))
$(info $(wildcard src/))
$(info $(wildcard */))
all: ; @:
#!file b.c
#!file a.c
#!file cc.c
#!file src/x.h
#!file src/a.h
