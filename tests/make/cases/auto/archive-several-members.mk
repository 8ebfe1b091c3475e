# 'lib(a.o b.o)' names several members; each is its own target.
all: lib.a(a.o b.o)
lib.a(a.o) lib.a(b.o): ; @echo '$@ -> $%'
