# -t touches every out-of-date target in order, creating missing files.
#! args: -t
all: a
a: b ; @echo never
b: src ; @echo never
#!file src mtime=10
#!file b
