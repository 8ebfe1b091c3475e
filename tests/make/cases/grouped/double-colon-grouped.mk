# '&::' makes grouped double-colon rules.
all: a b
a b &:: ; @echo 'first for $@'
a b &:: ; @echo 'second for $@'
