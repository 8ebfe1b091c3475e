# $@ in a grouped recipe is the target that caused it to run.
all: b
a b &: ; @echo 'at=$@'; touch a b
