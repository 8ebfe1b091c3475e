# --trace explains why each target is remade.
#! args: --trace
all: out
out: in ; @touch out
#!file in
#!file out mtime=-10
