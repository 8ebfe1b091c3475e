# A recipe from an included makefile fails: the message names that file and line.
include rules.mk
#!file rules.mk

all:
	@false
