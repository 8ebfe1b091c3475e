# Under -j a grouped recipe is still run once.
#! args: -j4
all: a b c d
a b c d &: ; @echo once; touch a b c d
