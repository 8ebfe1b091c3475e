# A pattern in .PRECIOUS keeps matching intermediate files.
.PRECIOUS: %.mid
all: x.end
%.end: %.mid ; @cp $< $@
%.mid: %.start ; @cp $< $@
#!file x.start
