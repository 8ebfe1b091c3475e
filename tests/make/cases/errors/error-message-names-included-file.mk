# A failing recipe defined in an included file names that file and line.
include rules.mk
#!file rules.mk

all:
	@exit 1
