# .SECONDARY without prerequisites: all targets are secondary.
.SECONDARY:
all: x.out
%.out: %.mid ; @cp $< $@
%.mid: %.in ; @cp $< $@
#!file x.in
