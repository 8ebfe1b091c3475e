# A target the failing recipe did not touch is not deleted.
.DELETE_ON_ERROR:
out: in ; @exit 1
#!file in
#!file out mtime=-10
old
