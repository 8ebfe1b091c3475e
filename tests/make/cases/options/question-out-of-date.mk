# -q: exit 1 when something would be remade.
#! args: -q
out: in ; @echo remade
#!file in
#!file out mtime=-10
