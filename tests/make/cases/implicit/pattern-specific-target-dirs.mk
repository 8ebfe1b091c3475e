# A pattern with a directory part matches the whole path.
all: src/a.x other/b.x
src/%.x: ; @echo 'src rule: $*'
%.x: ; @echo 'generic rule: $*'
