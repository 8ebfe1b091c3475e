# A missing file with a rule but no recipe counts as made (no error).
all: missing
missing: other
other: ; @echo other
