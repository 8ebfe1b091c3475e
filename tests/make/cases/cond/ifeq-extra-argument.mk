# Text after the ifeq arguments.
ifeq (a,a) extra
endif
all: ; @:
