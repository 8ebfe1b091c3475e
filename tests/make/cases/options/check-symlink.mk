# -L: a symbolic link's own time counts when it is newer than its target.
#! args: -L
all: out1 out2
out1: link-new ; @echo remade out1
out2: link-old ; @echo remade out2
#!file target mtime=-10
#!link link-new target mtime=+5
#!link link-old target mtime=-20
#!file out1
#!file out2
