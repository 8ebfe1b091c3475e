# -I directories are searched for included files; .INCLUDE_DIRS lists them.
#! args: -I inc -I nodir -I other/
include found.mk
$(info $(FOUND) $(MAKEFILE_LIST))
$(info $(filter-out /%,$(.INCLUDE_DIRS)))
all: ; @:
#!file inc/found.mk
FOUND = found in inc
#!dir other
