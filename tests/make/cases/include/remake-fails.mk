# A failing rule for an included makefile.
all: ; @echo all
include gen.mk
gen.mk:
	@echo trying; exit 1
