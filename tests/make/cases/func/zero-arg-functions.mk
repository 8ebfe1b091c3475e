# Functions that accept an empty single argument.
$(info [$(strip)] [$(sort)] [$(words)] [$(firstword)] [$(lastword)] [$(dir)] [$(notdir)])
$(info [$(info)])
$(warning)
all: ; @:
