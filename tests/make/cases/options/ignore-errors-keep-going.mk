# -i ignores every failing command; the status stays 0.
#! args: -i
all: a b
a: ; @echo a; exit 3
b: ; @echo b
