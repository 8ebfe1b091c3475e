# An included makefile made through an intermediate file; the intermediate is removed.
include final.mk
all: ; @echo 'F=$(F)'
final.mk: mid.tmp ; @sed s/MID/F/ $< > $@
mid.tmp: ; @echo 'MID = chained' > $@
.INTERMEDIATE: mid.tmp
