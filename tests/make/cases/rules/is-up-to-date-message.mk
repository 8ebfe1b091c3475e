# A goal that is an up-to-date file.
#! args: file
file: dep
	touch file
#!file dep mtime=-5
#!file file
