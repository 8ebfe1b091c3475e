# Without -k the first error stops make.
all: bad good
bad: ; @exit 1
good: ; @echo good
