# -t touches out-of-date targets instead of running recipes.
#! args: -t
all: out new
out: in ; @echo never
new: ; @echo never
#!file in
#!file out mtime=-10
