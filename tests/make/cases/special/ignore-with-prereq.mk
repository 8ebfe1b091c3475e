# .IGNORE with prerequisites ignores errors only for those targets.
.IGNORE: a
all: a b
a: ; @echo a; false
b: ; @echo b; false
