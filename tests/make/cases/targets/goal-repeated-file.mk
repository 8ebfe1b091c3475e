# A file goal given twice: both mentions say it is up to date.
#! args: f f
f: ; @echo never
#!file f
