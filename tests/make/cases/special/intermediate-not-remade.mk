# A missing intermediate is not remade if the target is newer than its source.
all: x.out
%.out: %.mid ; cp $< $@
%.mid: %.in ; cp $< $@
#!file x.in mtime=-10
#!file x.out mtime=-5
