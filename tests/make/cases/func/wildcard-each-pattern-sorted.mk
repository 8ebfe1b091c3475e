# Each pattern's matches are sorted, but patterns keep their order and duplicates.
$(info $(wildcard z* a* z*))
all: ; @:
#!file a2
#!file a1
#!file zz
#!file z1
