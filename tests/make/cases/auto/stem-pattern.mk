# $* is the stem of a pattern match, including the directory part.
all: dir/a.o b.o
%.o: %.c
	@echo '$@: *=$* *D=$(*D) *F=$(*F)'
#!file dir/a.c
#!file b.c
