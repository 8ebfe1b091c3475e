# -k: targets depending on a failed one are not made.
#! args: -k
all: top other
top: bad ; @echo never
bad: ; @exit 1
other: ; @echo other
