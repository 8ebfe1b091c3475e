# --new-file=src makes targets depending on src out of date; -W with -n shows them.
#! args: -n --new-file=src
all: obj
obj: src ; cp src obj
#!file src
#!file obj mtime=10
