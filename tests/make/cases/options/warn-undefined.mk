# --warn-undefined-variables.
#! args: --warn-undefined-variables
x := $(nothing)
all: ; @echo '$(also-nothing)'
