# Pattern-specific and target-specific '+=' stack on the global value.
v = g
%.o: v += p
x.o: v += t
all: x.o ; @echo '$@: $(v)'
x.o: ; @echo '$@: $(v)'
