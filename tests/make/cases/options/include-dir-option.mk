# -I and --include-dir.
#! args: -Iinc1 --include-dir=inc2
include a.mk b.mk
all: ; @echo $(A) $(B)
#!file inc1/a.mk
A = a
#!file inc2/b.mk
B = b
