# ... unless -e is given.
#! args: -e
#! env: FOO=from-env
FOO = from-makefile
BAR = makefile-only
$(info $(FOO) $(origin FOO) $(BAR) $(origin BAR))
override FOO = override
$(info $(FOO) $(origin FOO))
all: ; @:
