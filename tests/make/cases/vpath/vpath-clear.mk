# 'vpath PATTERN' clears that pattern; bare 'vpath' clears all.
vpath %.c src
vpath %.c
all: a.c
	@echo $^
#!file src/a.c
