# -n with a target needing an intermediate chain.
#! args: -n
all: x.out
%.out: %.mid ; cp $< $@
%.mid: %.in ; cp $< $@
#!file x.in
