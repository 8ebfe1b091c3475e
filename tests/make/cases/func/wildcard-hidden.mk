# $(wildcard *) skips dot files; an explicit leading dot matches them.
$(info [$(wildcard *)])
$(info [$(wildcard .h*)])
$(info [$(wildcard sub/*)] [$(wildcard sub/.*)])
all: ; @:
#!file .hidden
#!file .hid2
#!file shown
#!file sub/.x
#!file sub/y
