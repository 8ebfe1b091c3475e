# .NOTPARALLEL with prerequisites serialises only those targets' prerequisites.
#! args: -j4
.NOTPARALLEL: all
all: a b
a: ; @sleep 0.2; echo a
b: ; @echo b
