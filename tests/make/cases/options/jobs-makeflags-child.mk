# A recipe's MAKEFLAGS under -j carries the jobserver (normalised).
#! args: -j2
all: ; @echo "$$MAKEFLAGS" | sed 's/fifo:[^ ]*/fifo:X/'
