# -B remakes up-to-date targets.
#! args: -B
out: in ; @echo remade
#!file in mtime=-10
#!file out
