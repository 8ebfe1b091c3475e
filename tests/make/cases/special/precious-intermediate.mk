# .PRECIOUS intermediates are kept too.
.PRECIOUS: %.mid
all: x.out
%.out: %.mid ; @cp $< $@
%.mid: %.in ; @cp $< $@
#!file x.in
