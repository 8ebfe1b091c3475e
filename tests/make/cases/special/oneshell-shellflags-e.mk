# .ONESHELL with .SHELLFLAGS = -ec stops the script at the first failure.
.ONESHELL:
.SHELLFLAGS = -ec
all:
	@echo one
	false
	echo never
