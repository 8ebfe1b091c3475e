# A conditional left open at the end of the file.
ifeq (1,1)
all: ; @:
