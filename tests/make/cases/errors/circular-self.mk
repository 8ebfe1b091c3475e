# A target depending on itself.
all: ; @echo all
all: all
