# -W FILE: pretend FILE was just modified.
#! args: -W in
out: in ; @echo remade out
#!file in mtime=-10
#!file out
