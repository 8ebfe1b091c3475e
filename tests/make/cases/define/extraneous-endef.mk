# An endef without a define is fatal.
x = 1
endef
all: ; @:
