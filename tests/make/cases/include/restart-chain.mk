# An included makefile that includes another generated one: two restarts.
all: ; @echo A=$(A) B=$(B) restarts=$(MAKE_RESTARTS)
include a.mk
a.mk:
	@echo making $@
	@printf 'A = a\ninclude b.mk\n' > $@
b.mk:
	@echo making $@
	@echo 'B = b' > $@
