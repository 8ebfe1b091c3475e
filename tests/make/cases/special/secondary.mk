# .SECONDARY intermediates are not deleted.
.SECONDARY: x.mid
all: x.out
%.out: %.mid ; @echo '$< -> $@'; cp $< $@
%.mid: %.in ; @echo '$< -> $@'; cp $< $@
#!file x.in
data
