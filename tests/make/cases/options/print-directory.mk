# -w prints the Entering/Leaving lines even without -C.
#! args: -w
all: ; @echo hi
