# Under .ONESHELL only the first line's '@' and '-' count; others' are removed.
.ONESHELL:
all:
	@echo first
	@echo second
	-echo third
