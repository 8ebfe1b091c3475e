# A '.a.b' rule is a plain target when the suffixes are unknown.
.SUFFIXES:
.src.dst: ; @echo 'suffix rule'
all: a.dst
#!file a.src
