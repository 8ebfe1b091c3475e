# The stem of a static pattern may hold directories.
all: out/sub/x.o
out/%.o: src/%.c
	@echo '$@ <- $< ($*)'
out/sub/x.o: out/%.o: src/%.c
#!file src/sub/x.c
