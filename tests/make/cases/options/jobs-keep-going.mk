# -j2 -k: the failure of one target does not stop an unrelated one.
#! args: -j2 -k
all: bad good
bad: ; @exit 1
good: ; @echo good
