# $% and its D/F forms for an archive member in a folder.
all: lib.a(sub/m.o)
lib.a(sub/m.o): ; @echo '@=$@ %=$% %D=$(%D) %F=$(%F)'
