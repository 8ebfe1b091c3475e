# A few rarely used variables: .LOADED, MAKE_HOST's presence, .SHELLSTATUS before any $(shell).
$(info [$(.LOADED)] [$(origin .SHELLSTATUS)] [$(if $(MAKE_HOST),set)])
all: ; @:
