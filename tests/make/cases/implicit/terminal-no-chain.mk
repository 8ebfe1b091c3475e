# A terminal rule's prerequisites are not made through other rules.
all: x.out
%.out:: %.mid ; @echo '$< -> $@'
%.mid: %.in ; @echo '$< -> $@'
#!file x.in
