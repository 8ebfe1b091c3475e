# A function name must be followed by a blank; with a comma it is a variable name.
info,x = variable named info,x
$(info [$(info,x)] [$(subst,a,b)])
$(info	tab-separated)
all: ; @:
