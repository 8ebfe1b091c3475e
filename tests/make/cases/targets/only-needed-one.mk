# Only the out-of-date target of a multi-target rule is remade.
all: a b
a b: src ; @echo 'remake $@'
#!file src
#!file a mtime=10
