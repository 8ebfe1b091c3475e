# A pattern rule applies to any matching target.
%.o: %.c
	@echo 'compile $< -> $@ ($*)'
all: x.o dir/y.o
#!file x.c
#!file dir/y.c
