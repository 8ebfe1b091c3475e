# Under -t, an out-of-date included makefile is remade by its recipe, not touched.
#! args: -t
include inc.mk
all: ; @echo 'I=$(I)'
inc.mk: src.txt ; @echo 'I = t' > $@
#!file inc.mk mtime=-10
I = stale
#!file src.txt
