# An empty target (no prerequisites, no recipe) that does not exist is considered made.
all: empty ; @echo 'all after [$^]'
empty:
