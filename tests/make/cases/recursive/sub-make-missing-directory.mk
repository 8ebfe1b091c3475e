# A sub-make told to change into a missing folder fails with Error 2 in the parent.
all: ; @$(MAKE) -C sub nothere
