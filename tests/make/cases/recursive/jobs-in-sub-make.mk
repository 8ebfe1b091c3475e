# -j reaches sub-makes (through the jobserver).
#! args: -j2
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: c
c: b ; @echo c
b: a ; @echo b
a: ; @echo a
