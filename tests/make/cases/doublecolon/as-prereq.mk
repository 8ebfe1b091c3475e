# A double-colon target used as a prerequisite of two targets.
all: a b
a b: dc ; @echo '$@'
dc:: ; @echo dc rule 1
dc:: ; @echo dc rule 2
