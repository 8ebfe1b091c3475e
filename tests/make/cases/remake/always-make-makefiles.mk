# With -B an existing included makefile with a rule is remade once, not forever.
#! args: -B
$(info restarts=[$(MAKE_RESTARTS)])
include inc.mk
all: ; @echo 'I=$(I)'
inc.mk: ; @echo remaking; echo 'I = b' > $@
#!file inc.mk
I = old
