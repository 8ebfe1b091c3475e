# A TAB inside a recipe line is passed through.
all:
	@printf '%s|\n' "a	b"
