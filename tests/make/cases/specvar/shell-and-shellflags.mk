# Default SHELL and .SHELLFLAGS.
$(info [$(SHELL)] $(origin SHELL) [$(.SHELLFLAGS)] $(origin .SHELLFLAGS))
all: ; @:
