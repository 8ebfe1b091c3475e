# A dependency loop through three targets: the back edge is dropped with a message.
all: a
a: b ; @echo a
b: c ; @echo b
c: a ; @echo c
