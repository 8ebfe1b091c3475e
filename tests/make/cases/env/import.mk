# Environment variables become make variables of origin 'environment'.
#! env: FOO=from-env
#! env: EMPTY=
$(info [$(FOO)] $(origin FOO) [$(EMPTY)] $(origin EMPTY) $(flavor FOO))
all: ; @:
