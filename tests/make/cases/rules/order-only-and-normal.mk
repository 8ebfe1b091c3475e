# A prerequisite both normal and order-only counts as normal.
all: a | a b
	@echo '^=$^ |=$|'
a b: ; @:
