# Backslash-newline: the lines go to one shell with the backslash-newline kept;
# one leading TAB of the next line is removed.
all:
	@echo one \
	two \
		three
	@echo 'in quotes \
	stays'
	@echo "double \
	quotes"
