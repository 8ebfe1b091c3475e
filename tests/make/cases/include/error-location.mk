# Messages name the included file and its line.
include inner.mk
all: ; @:
#!file inner.mk
# line 1
$(warning from inner)
x = $(error inner error)
y := $(x)
