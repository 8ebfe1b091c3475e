# .DEFAULT's recipe is used for missing prerequisites without rules.
all: a.in b.in ; @echo 'all from $^'
.DEFAULT: ; @echo 'default for $@'
#!file a.in
