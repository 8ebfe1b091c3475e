# The complete .VARIABLES of a minimal makefile, sorted.
mine = 1
$(foreach v,$(sort $(.VARIABLES)),$(info $(v) $(origin $(v))))
all: ; @:
