# A target listed twice in one rule.
all: a
a a: ; @echo $@
