# -I- drops the directories given before it and the default ones.
#! args: -I a -I- -I b
$(info [$(.INCLUDE_DIRS)])
all: ; @:
#!dir a
#!dir b
