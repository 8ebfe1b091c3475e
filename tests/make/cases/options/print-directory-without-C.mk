# -w prints the directory lines even without -C.
#! args: -w
all: ; @echo body
