# A line that is neither a rule nor an assignment.
all: ; @:
just some words
