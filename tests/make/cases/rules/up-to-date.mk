# A target newer than its prerequisites is not rebuilt.
#! args: out
out: in
	cp in out
#!file in mtime=-10
#!file out mtime=-5
