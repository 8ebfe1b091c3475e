# .INTERMEDIATE makes an explicitly mentioned file intermediate.
.INTERMEDIATE: x.mid
all: x.out
x.out: x.mid ; @cp $< $@
x.mid: x.in ; @cp $< $@
#!file x.in
