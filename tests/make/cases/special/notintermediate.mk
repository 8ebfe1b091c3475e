# .NOTINTERMEDIATE keeps chain files.
.NOTINTERMEDIATE: %.mid
all: x.out
%.out: %.mid ; @cp $< $@
%.mid: %.in ; @cp $< $@
#!file x.in
