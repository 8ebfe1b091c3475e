# A makefile named as a goal under -n is not remade before reading, only printed.
#! args: -n inc.mk
include inc.mk
inc.mk: src.txt ; echo 'I = x' > $@
#!file inc.mk mtime=-10
I = old
#!file src.txt
