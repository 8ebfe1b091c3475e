# .NOTINTERMEDIATE without prerequisites: no file is intermediate.
.NOTINTERMEDIATE:
all: x.end
%.end: %.mid ; @cp $< $@
%.mid: %.start ; @cp $< $@
#!file x.start
