# An unknown option prints the usage to stderr and exits 2.
#! args: -Z
all: ; @:
