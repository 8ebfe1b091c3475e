# A sub-make reading its makefile from a pipe with -f -.
all: ; @echo 'x: ; @echo from pipe' | $(MAKE) -f - x
