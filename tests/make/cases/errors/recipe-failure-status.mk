# A failing recipe: make stops with Error N naming the makefile line, status 2.
all: first second
first:
	@echo one
	@exit 1
second: ; @echo never
