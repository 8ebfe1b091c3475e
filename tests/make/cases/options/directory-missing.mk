# -C to a folder that does not exist.
#! args: -C nothere
