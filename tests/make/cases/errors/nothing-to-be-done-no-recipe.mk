# A goal without a recipe whose prerequisites are up to date: "Nothing to be done".
all: f
#!file f
