# A syntax error in an included file.
include bad.mk
all: ; @:
#!file bad.mk
ok = 1
not ok
