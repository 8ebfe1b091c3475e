# A second recipe for a target replaces the first, with warnings.
all:
	@echo first
all:
	@echo second
