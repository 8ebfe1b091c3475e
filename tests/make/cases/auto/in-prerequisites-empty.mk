# Without .SECONDEXPANSION, automatic variables are empty in prerequisite lists.
all: x$@y
	@echo '^=$^'
xy: ; @:
