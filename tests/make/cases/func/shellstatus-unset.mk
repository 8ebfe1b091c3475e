# .SHELLSTATUS is undefined until the first $(shell), then tracks the last one.
$(info [$(origin .SHELLSTATUS)] [$(.SHELLSTATUS)])
x := $(shell exit 3)
$(info [$(origin .SHELLSTATUS)] [$(.SHELLSTATUS)])
x := $(shell echo ok)
$(info [$(.SHELLSTATUS)])
all: ; @:
