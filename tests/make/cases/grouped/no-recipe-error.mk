# A grouped rule without a recipe is an error.
a b &: src
all: a
#!file src
