# With -e, an environment variable the makefile also sets has origin 'environment override'.
#! args: -e
#! env: ENVOVR=env
ENVOVR = makefile
$(info $(origin ENVOVR) $(ENVOVR))
all: ; @:
