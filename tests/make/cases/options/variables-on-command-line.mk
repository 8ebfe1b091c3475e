# Command-line variable words may appear between goals.
#! args: a V=1 b 'W = spaced'
a b: ; @echo '$@ V=$(V) W=[$(W)]'
