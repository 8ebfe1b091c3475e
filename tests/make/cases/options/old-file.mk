# -o FILE: treat FILE as very old and do not remake it.
#! args: -o in
all: out
out: in ; @echo remade out
in: ; @echo remade in
#!file out
