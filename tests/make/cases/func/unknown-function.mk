# An unknown name followed by arguments is just a (strange) variable name.
$(info [$(nosuchfunc a,b)])
all: ; @:
