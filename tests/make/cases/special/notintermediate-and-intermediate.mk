# A file that is both .INTERMEDIATE and .NOTINTERMEDIATE.
.INTERMEDIATE: x.mid
.NOTINTERMEDIATE: x.mid
all: x.end
%.end: %.mid ; @cp $< $@
%.mid: %.start ; @cp $< $@
#!file x.start
