# All lines of a recipe are expanded before the first one runs.
all:
	@echo one > f.txt
	@echo '$(shell cat f.txt 2>/dev/null || echo missing)'
