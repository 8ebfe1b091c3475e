# The rule for an included makefile runs but does not create it.
include ghost.mk
all: ; @echo all ran anyway
ghost.mk: ; @echo pretending to make $@
