# A target is made at most once per run.
#! args: a all a
all: a a
a: ; @echo made a
