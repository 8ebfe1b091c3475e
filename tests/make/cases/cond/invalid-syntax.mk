# A malformed ifeq.
ifeq (a,b
endif
all: ; @:
