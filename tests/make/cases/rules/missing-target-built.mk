# A target that does not exist is made.
out: in
	cp in out
#!file in
data
