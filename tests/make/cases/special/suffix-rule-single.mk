# A single-suffix rule '.src' makes a file without suffix.
.SUFFIXES: .src
.src: ; @echo '$< -> $@'
all: prog
#!file prog.src
