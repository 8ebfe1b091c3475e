# A+=x on the command line, and a makefile += that is ignored without override.
#! args: 'A+=cmd'
A = file
A += more
override B = b
override B += ob
all: ; @echo 'A=[$(A)] B=[$(B)]'
