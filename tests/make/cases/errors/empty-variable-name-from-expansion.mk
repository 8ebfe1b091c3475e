# A name that expands to nothing.
$(EMPTY) := value
all: ; @:
