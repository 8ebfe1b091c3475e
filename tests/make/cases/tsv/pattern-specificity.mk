# Among matching pattern-specific values, the one with the shortest stem wins.
%.o: v = any
dir/%.o: v = in-dir
dir/sub%.o: v = sub
all: dir/x.o dir/subx.o other.o
dir/x.o dir/subx.o other.o: ; @echo '$@: $(v)'
