# $(shell) output: newlines become spaces, trailing newlines go.
$(info [$(shell printf 'a\nb\n\n\n')])
$(info [$(shell printf 'a\r\nb')])
$(info [$(shell echo out; echo err >&2)])
$(info [$(shell exit 1)] $(.SHELLSTATUS))
$(info [$(shell true)] $(.SHELLSTATUS))
all: ; @:
