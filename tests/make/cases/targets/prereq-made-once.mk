# A prerequisite shared by several targets is made only once.
all: a b c
a b c: shared ; @echo '$@'
shared: ; @echo shared
