# -q on a double-colon target without prerequisites: it needs remaking.
#! args: -q
t:: ; @echo never
#!file t
