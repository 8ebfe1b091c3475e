# -q never runs recipes, even for an out-of-date target.
#! args: -q
t: src ; @echo never > t
#!file src mtime=10
#!file t
