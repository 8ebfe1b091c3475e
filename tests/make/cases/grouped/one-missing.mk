# One missing target of a group makes the whole group run.
all: a b
a b &: src ; @echo 'remake $@ ($?)'; touch a b
#!file a mtime=10
#!file src
