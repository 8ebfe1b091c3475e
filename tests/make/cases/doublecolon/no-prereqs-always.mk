# A double-colon rule without prerequisites always runs, even if the target exists.
t:: ; @echo always
#!file t mtime=10
