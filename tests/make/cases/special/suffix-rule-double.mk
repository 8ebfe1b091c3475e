# A double-suffix rule '.src.dst' once both suffixes are known.
.SUFFIXES: .src .dst
.src.dst: ; @echo '$< -> $@'
all: a.dst
#!file a.src
