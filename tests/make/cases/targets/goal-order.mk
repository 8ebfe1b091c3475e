# Goals on the command line are made in the order given.
#! args: c a b
a b c: ; @echo '$@'
