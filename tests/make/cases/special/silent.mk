# .SILENT: the listed targets' recipes are not echoed.
.SILENT: a
all: a b
a: ; echo a
b: ; echo b
