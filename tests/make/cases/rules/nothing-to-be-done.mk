# A target without recipe that exists: nothing to do.
all: file
file:
#!file file
