# SHELL and .SHELLFLAGS can be target-specific.
a: SHELL = /bin/echo
a: .SHELLFLAGS = shell-flags
all: a b
a b:
	@echo recipe of $@
