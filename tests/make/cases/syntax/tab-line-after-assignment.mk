# A variable assignment ends the rule context: a TAB line after it is an error.
all:
	@echo one
v = 1
	@echo two $(v)
