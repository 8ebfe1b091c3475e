# An unterminated variable reference in a rule line.
all: $(oops
	@:
