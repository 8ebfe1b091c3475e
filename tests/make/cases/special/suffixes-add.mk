# A suffix rule works once its suffixes are added to .SUFFIXES.
.SUFFIXES: .q .r
.q.r: ; @echo '$< -> $@'
all: x.r
#!file x.q
