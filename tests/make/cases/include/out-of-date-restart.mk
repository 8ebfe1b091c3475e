# An existing included makefile older than its prerequisite is remade.
all: ; @echo X=$(X)
$(info pass [$(MAKE_RESTARTS)])
include gen.mk
gen.mk: gen.in
	echo 'X = 1' > $@
#!file gen.in
#!file gen.mk mtime=-10
X = 0
