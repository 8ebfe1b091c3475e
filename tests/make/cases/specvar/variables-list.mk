# .VARIABLES lists all global variables (a few checked here, sorted).
mine = 1
$(info $(sort $(filter mine MAKE CC .VARIABLES CURDIR SHELL MAKEFLAGS PATH LC_ALL @ nosuch,$(.VARIABLES))))
all: ; @:
