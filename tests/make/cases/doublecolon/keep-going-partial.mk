# With -k, a failing double-colon rule does not stop the later rules of the same target.
#! args: -k
t:: ; @echo one
t:: ; @echo two; exit 1
t:: ; @echo three
