# 'vpath PATTERN DIRS' searches only for matching names.
vpath %.c src
vpath %.h inc
all: a.o
a.o: a.c a.h
	@echo $^
#!file src/a.c
#!file inc/a.h
#!file src/a.h
