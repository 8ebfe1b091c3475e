# One target-specific line for several targets.
a b: v = shared
all: a b c
a b c: ; @echo '$@: [$(v)]'
