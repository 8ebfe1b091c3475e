# -f naming a missing file.
#! args: -f nothere.mk
