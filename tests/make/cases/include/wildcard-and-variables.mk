# include takes globs and variable references.
dir = conf
include $(dir)/*.mk
$(info $(A) $(B))
all: ; @:
#!file conf/a.mk
A = a
#!file conf/b.mk
B = b
