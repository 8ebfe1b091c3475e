# A backslash in a $(wildcard) pattern quotes the next character.
$(info [$(wildcard a\*)] [$(wildcard a*)])
all: ; @:
#!file a*
#!file ab
