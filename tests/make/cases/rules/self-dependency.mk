# A target that depends on itself.
all: a
a: a ; @echo a
