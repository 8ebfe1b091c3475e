# $$^ and $$+ in a later prerequisite line see the lines before it.
.SECONDEXPANSION:
all: a b
all: c $$+ ; @echo '^=[$^] +=[$+]'
a b c: ; @:
