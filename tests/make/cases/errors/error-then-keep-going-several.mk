# -k with several failures: each reported, make exits 2.
#! args: -k
all: a b c
a: ; @exit 1
b: ; @exit 2
c: ; @echo c
