# Under -q, included makefiles are still remade; the goal is only questioned.
#! args: -q
include inc.mk
all: ; @echo 'I=$(I)'
inc.mk: ; @echo 'I = q' > $@
