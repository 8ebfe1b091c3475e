# Under -n, '+' lines and lines using $(MAKE) run.
#! args: -n
all:
	+@echo plus line runs
	@echo '$(MAKE)' line runs too
	@echo plain line only printed
