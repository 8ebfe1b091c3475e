# Rebuilding a prerequisite makes its dependents out of date.
all: c
c: b ; @echo make c; touch c
b: a ; @echo make b; touch b
#!file a
#!file b mtime=-10
#!file c mtime=-5
