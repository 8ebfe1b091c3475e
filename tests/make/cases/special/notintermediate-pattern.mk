# A pattern in .NOTINTERMEDIATE keeps chain files of that kind (4.4).
.NOTINTERMEDIATE: %.mid
all: x.end
%.end: %.mid ; @cp $< $@
%.mid: %.start ; @cp $< $@
#!file x.start
