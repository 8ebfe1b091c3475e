# $(suffix) and $(basename) look at the last '.' of the last path component.
x = src/foo.c src-1.0/bar hacks a.b.c .hidden dir.d/file
$(info [$(suffix $(x))])
$(info $(basename $(x)))
all: ; @:
