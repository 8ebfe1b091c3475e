# A rule from --eval comes before the makefile's rules: it is the default goal.
#! args: -E 'early: ; @echo early'
all: ; @echo all
