# -B with -n prints the commands for up-to-date targets too.
#! args: -B -n
t: src ; touch t
#!file src
#!file t mtime=10
