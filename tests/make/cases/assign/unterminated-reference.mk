# An unclosed '$(' is fatal when the text is expanded.
a := $(b
all: ; @:
