# -q: exit 0 when up to date, print nothing.
#! args: -q
out: in ; @echo remade
#!file in mtime=-10
#!file out
