# $(abspath) of relative names prefixes the current directory and removes . and ..
$(info $(abspath a ./b c/../d ../up))
$(info [$(abspath)] [$(abspath /)] [$(abspath /..)])
all: ; @:
