# The makefile itself can be remade from a template.
#! makefile: Makefile mtime=-10
all: ; @echo old makefile
Makefile: Makefile.in
	cp $< $@
#!file Makefile.in
all: ; @echo new makefile, restarts=$(MAKE_RESTARTS)
Makefile: Makefile.in
	cp $< $@
