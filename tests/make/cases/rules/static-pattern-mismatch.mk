# A target that does not match the target pattern.
all: a.o b.x
a.o b.x: %.o: %.c
	@echo '$@ from $<'
#!file a.c
