# A rule for the makefile itself, first in the file, is the default goal.
Makefile: dep.txt
all: ; @echo all
#!file dep.txt mtime=-10
