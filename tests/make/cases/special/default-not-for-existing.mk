# .DEFAULT is not used for existing files without rules.
all: exists missing
.DEFAULT: ; @echo 'default for $@'
#!file exists
