# The error names the line of the rule's recipe line that failed, not the rule line.
all:
	@echo line three
	@true
	@echo line five fails; false
	@echo never
