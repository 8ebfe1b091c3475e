# An assignment whose name expands to nothing.
empty =
$(empty) = value
all: ; @:
