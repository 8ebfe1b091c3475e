# Undefining an exported variable removes it from recipe environments.
#! env: E=env
export X = x
undefine X
undefine E
all:
	@echo "X=$${X-unset} E=$${E-unset}"
