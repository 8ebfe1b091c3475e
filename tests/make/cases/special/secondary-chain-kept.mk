# .SECONDARY keeps a chain file, and a missing secondary file does not force a rebuild.
.SECONDARY: x.mid
all: x.end
%.end: %.mid ; @echo 'make $@'; cp $< $@
%.mid: %.start ; @echo 'make $@'; cp $< $@
#!file x.start
#!file x.end mtime=10
