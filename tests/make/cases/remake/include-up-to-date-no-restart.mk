# An included makefile newer than its prerequisite is not remade; one read.
$(info read)
include inc.mk
all: ; @echo 'I=$(I)'
inc.mk: src.txt ; @echo should not run
#!file inc.mk mtime=10
I = current
#!file src.txt
