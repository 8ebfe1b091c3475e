# --eval adds makefile text before the makefiles are read.
#! args: --eval 'X = from eval' --eval 'Y := $(X) too'
all: ; @echo all: $(X), $(Y)
