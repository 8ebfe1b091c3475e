# MAKEFLAGS in the environment sets options (here -s and -k).
#! env: MAKEFLAGS=sk
all: a b
a: ; false
b: ; echo b
