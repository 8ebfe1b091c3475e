# $(file <dir) on a folder.
$(info [$(file <sub)])
all: ; @:
#!dir sub
