# An inner conditional left open.
ifeq (1,1)
ifdef x
endif
all: ; @:
