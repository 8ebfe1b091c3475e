# With -q and -t together, GNU make touches.
#! args: -q -t
out: in ; @echo never
#!file in
#!file out mtime=-10
