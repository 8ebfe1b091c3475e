# The makefile has a rule that rewrites it from a template: make restarts on the new text.
$(info old makefile)
Makefile: template.mk
	@echo regenerating $@
	@cp template.mk $@
all: ; @echo old all
#!file template.mk mtime=10
$(info new makefile, restarts=$(MAKE_RESTARTS))
all: ; @echo new all
