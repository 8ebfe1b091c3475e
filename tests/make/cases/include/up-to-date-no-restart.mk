# An included makefile that is up to date is not remade; no restart.
all: ; @echo X=$(X)
$(info pass [$(MAKE_RESTARTS)])
include gen.mk
gen.mk: gen.in
	echo 'X = 1' > $@
#!file gen.in mtime=-10
#!file gen.mk
X = 0
