# Command-line variables are exported to recipes (through MAKEFLAGS and the environment).
#! args: CMD=value
all:
	@echo "CMD=$${CMD-unset}"
