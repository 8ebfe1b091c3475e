# An existing goal with a recipe and nothing newer: "is up to date".
f: g ; @echo never
#!file f mtime=10
#!file g
