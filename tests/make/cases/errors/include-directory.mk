# Including a folder.
include sub
all: ; @:
#!dir sub
