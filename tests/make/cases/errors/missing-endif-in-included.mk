# Conditionals do not span files: an include ending inside ifdef.
include bad.mk
endif
all: ; @:
#!file bad.mk
ifdef x
