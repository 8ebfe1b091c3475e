# A missing separator on a later line, after a continuation.
A = one \
    two
all: ; @:
this line has no separator
