# A function call without the closing paren.
$(info $(subst a,b,abc)
all: ; @:
