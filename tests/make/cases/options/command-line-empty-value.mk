# An empty command-line value still overrides the makefile.
#! args: A=
A = file
all: ; @echo 'A=[$(A)] $(origin A)'
