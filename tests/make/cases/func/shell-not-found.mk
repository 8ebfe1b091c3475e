# $(shell) of a command that does not exist: the shell's message, status 127.
x := $(shell no-such-command-xyz)
$(info [$(x)] $(.SHELLSTATUS))
all: ; @:
