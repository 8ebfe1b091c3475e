# A recursive value is not checked until it is expanded.
a = $(b
all: ; @echo fine
