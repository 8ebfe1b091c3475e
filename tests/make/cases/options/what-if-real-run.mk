# -W without -n really runs the recipe; the file itself is not changed.
#! args: -W src
obj: src ; @echo rebuilding obj
#!file src
#!file obj mtime=10
