# .IGNORE: errors in the listed targets' recipes are ignored.
.IGNORE: a
all: a b
a: ; @exit 1
b: ; @echo b ran
