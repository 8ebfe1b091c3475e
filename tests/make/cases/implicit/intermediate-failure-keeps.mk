# When the final target fails, the intermediate file is still deleted.
all: x.out
%.out: %.mid ; @exit 1
%.mid: %.in ; @cp $< $@
#!file x.in
