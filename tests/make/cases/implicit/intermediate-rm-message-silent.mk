# Under -s the deletion of intermediate files is not announced.
#! args: -s
all: x.out
%.out: %.mid ; cp $< $@
%.mid: %.in ; cp $< $@
#!file x.in
