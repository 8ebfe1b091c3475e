# Substitution references and functions apply to automatic variables.
all: pkg/prog.bin
pkg/prog.bin: a.o b.o ; @echo '$(@:.bin=.map) $(^:.o=.c) $(notdir $(basename $@))'
a.o b.o: ; @:
