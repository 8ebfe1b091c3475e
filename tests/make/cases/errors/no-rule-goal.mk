# A goal without a rule and no file.
#! args: nothere
all: ; @:
