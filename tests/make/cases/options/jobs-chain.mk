# -j with a chain of dependencies: the order is fixed.
#! args: -j4
all: c
c: b ; @echo c
b: a ; @echo b
a: ; @echo a
