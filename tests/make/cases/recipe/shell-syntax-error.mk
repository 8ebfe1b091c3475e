# A shell syntax error is a failing recipe line.
all:
	@echo 'unterminated
