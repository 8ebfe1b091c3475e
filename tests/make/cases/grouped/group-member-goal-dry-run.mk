# -n on a group member prints the group recipe once.
#! args: -n b a
a b &: ; touch a b
