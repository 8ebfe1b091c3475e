# Single-letter options can be combined; options may follow goals.
#! args: all -ks
all: a b
a: ; exit 1
b: ; echo b
