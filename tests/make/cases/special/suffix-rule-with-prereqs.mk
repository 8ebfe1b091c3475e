# A suffix rule with prerequisites is a normal rule for a strange target (with a warning).
.SUFFIXES: .src .dst
.src.dst: extra ; @echo 'ran for $@'
all: a.dst
extra: ; @:
#!file a.src
