# Intermediate files of an implicit chain are deleted at the end.
all: x.out
%.out: %.mid ; @cp $< $@
%.mid: %.in ; @cp $< $@
#!file x.in
