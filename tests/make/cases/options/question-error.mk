# -q with a target that cannot be made: exit 2.
#! args: -q
all: missing
