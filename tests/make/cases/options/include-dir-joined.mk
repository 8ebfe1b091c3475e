# -Idir as one word and --include-dir=dir; the first folder holding the file wins.
#! args: -Ione --include-dir=two
include common.mk
all: ; @echo $(WHERE)
#!file one/common.mk
WHERE = one
#!file two/common.mk
WHERE = two
