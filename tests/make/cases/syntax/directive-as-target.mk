# A line starting with the word 'include' is an include directive, even with a ':'.
all: include export
include export: ; @echo target $@
