# A prerequisite that expands to nothing in the second expansion disappears.
.SECONDEXPANSION:
all: $$(NOTHING) real ; @echo '[$^]'
real: ; @:
