# .SHELLSTATUS when the command was killed by a signal.
$(info [$(shell kill -TERM $$$$)] $(.SHELLSTATUS))
all: ; @:
