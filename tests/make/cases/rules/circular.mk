# Circular dependencies are dropped with a message.
all: a
a: b ; @echo a
b: a ; @echo b
