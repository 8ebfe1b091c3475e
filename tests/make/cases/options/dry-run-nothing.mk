# -n when everything is up to date.
#! args: -n
out: in ; cp in out
#!file in mtime=-10
#!file out
