# $$@ in a prerequisite list expands to the target after .SECONDEXPANSION.
.SECONDEXPANSION:
all: a.out b.out
a.out b.out: $$(basename $$@).src ; @echo '$@ from $^'
#!file a.src
#!file b.src
