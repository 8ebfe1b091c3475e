# Without -L, a symbolic link's prerequisite time is its target's.
all: out
out: link ; @echo remade out
#!file target mtime=-10
#!link link target mtime=+5
#!file out
