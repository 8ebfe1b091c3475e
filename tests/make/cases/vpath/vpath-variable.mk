# VPATH finds prerequisites in other directories; $< and $^ carry the found path.
VPATH = src:other
all: prog
prog: a.c b.c
	@echo $@ from $^ first $<
#!file src/a.c
#!file other/b.c
