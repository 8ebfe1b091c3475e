# The usual pattern: -include generated dependency files, made as a side effect.
-include $(wildcard *.d)
all: prog
prog: main.o
	@echo link $@ from $^
main.o: main.c
	@echo compile $@
	@echo 'main.o: header.h' > main.d
#!file main.c
#!file header.h
