# 'override' in the makefile beats a command-line value; plain assignments do not.
#! args: A=cmd B=cmd
override A = file-A
B = file-B
all: ; @echo 'A=$(A) B=$(B) origin A=$(origin A) B=$(origin B)'
