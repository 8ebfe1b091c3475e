# -o treats a file as very old and never remakes it, though dependents still see it as old.
#! args: -o lib
all: prog
prog: lib ; @echo link prog
lib: src ; @echo never rebuild lib
#!file src mtime=10
#!file lib
#!file prog mtime=5
