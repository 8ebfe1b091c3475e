# Several targets with ':' are independent: the recipe runs per target with its own $@.
all: a b c
a b c: ; @echo 'making $@'
