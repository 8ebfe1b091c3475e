# .NOTPARALLEL makes -j serial (output in order).
#! args: -j4
.NOTPARALLEL:
all: a b c
a: ; @sleep 0.2; echo a
b: ; @sleep 0.1; echo b
c: ; @echo c
