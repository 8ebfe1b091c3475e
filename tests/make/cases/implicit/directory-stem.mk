# A pattern without '/' matches the file part; the directory goes in front of the stem.
all: dir/x.o
%.o: pre-%.c ; @echo '$< -> $@ ($*)'
#!file dir/pre-x.c
