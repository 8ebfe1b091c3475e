# Pattern-specific values apply to every matching target.
v = global
%.o: v = object
lib%.a: v = library
all: x.o libz.a y.c
x.o libz.a y.c: ; @echo '$@: $(v)'
