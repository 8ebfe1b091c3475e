# An environment variable changed by the makefile is exported with the new value.
#! env: E=old
E = new
F = $(E)-derived
all:
	@echo "E=$$E F=$${F-unset}"
