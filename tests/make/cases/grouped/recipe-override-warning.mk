# A later plain rule with a recipe for one group member: warnings, and the group recipe still serves it.
all: a b
a b &: ; @echo group
b: ; @echo alone
