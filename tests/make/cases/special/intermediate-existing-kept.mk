# A chain file that existed before the run is not deleted, even when remade.
all: x.end
%.end: %.mid ; @cp $< $@
%.mid: %.start ; @echo 'remake $@'; cp $< $@
#!file x.start mtime=10
#!file x.mid
