# Target-specific values beat pattern-specific ones; both beat global.
v = global
%.o: v = pattern
x.o: v = target
all: x.o y.o
x.o y.o: ; @echo '$@: $(v)'
