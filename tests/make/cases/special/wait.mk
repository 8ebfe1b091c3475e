# .WAIT in a prerequisite list orders parallel work.
#! args: -j4
all: a .WAIT b
a: ; @sleep 0.2; echo a
b: ; @echo b
