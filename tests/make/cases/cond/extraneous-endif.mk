# An endif without a conditional.
x = 1
endif
all: ; @:
