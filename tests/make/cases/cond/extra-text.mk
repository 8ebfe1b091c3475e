# Text after else/endif draws warnings.
ifeq (1,2)
else junk
$(info else branch)
endif junk
all: ; @:
