# -k: keep going with other targets after an error.
#! args: -k
all: bad good
bad: ; @echo bad; exit 1
good: ; @echo good
