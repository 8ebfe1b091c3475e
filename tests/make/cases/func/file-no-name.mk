# $(file) without a file name.
$(file >,text)
all: ; @:
