# With -k, targets depending on a failed one are not made; unrelated ones are.
#! args: -k
all: top other
top: broken ; @echo never
broken: ; @exit 1
other: ; @echo other made
