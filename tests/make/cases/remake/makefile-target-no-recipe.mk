# The makefile itself is a target without a recipe: nothing is remade, no restart.
$(info reading, restarts=[$(MAKE_RESTARTS)])
all: ; @echo done
Makefile: dep.txt
#!file dep.txt mtime=10
