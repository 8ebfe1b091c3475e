# Relative include paths are relative to the working directory, not to the including file.
include sub/first.mk
$(info $(SECOND))
all: ; @:
#!file sub/first.mk
include second.mk
#!file second.mk
SECOND = second at top
#!file sub/second.mk
SECOND = second in sub
