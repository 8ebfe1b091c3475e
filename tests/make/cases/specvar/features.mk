# .FEATURES of this GNU make build.
$(info $(.FEATURES))
all: ; @:
