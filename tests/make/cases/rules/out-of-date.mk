# A target older than a prerequisite is rebuilt.
#! args: out
out: in
	cp in out
#!file in mtime=-5
new contents
#!file out mtime=-10
old contents
