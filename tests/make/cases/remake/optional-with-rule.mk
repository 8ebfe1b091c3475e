# '-include' of a missing file that has a rule: the file is made and read.
-include opt.mk
all: ; @echo 'X=$(X)'
opt.mk: ; @echo 'X = from-opt' > $@
