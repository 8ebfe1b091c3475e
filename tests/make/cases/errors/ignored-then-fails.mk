# A '-' line failure is ignored; a later plain line's failure is not.
all:
	-@exit 2
	@echo between
	@exit 3
