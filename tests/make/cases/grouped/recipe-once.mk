# A grouped rule's recipe runs once for all its targets.
all: a b c
a b c &: ; @echo 'once for $@'; touch a b c
