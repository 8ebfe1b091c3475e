# A bare 'export' passes makefile variables to sub-makes.
export
A = a
B := b
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'A=$(A) B=$(B) ($(origin A))'
