# -B also remakes included makefiles (once: no endless restarts).
#! args: -B
all: ; @echo all X=$(X)
include gen.mk
gen.mk: ; @echo making gen.mk; echo 'X = 1' > $@
#!file gen.mk
X = 0
