# An included makefile in a subdirectory that must be made; the rule's target names the path.
include sub/gen.mk
all: ; @echo 'S=$(S)'
sub/gen.mk: ; @mkdir -p sub; echo 'S = sub' > $@
