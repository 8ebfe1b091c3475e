# A recursive variable referring to itself, expanded while reading.
A = $(A) more
$(info $(A))
all: ; @:
