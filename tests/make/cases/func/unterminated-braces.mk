# An unterminated function call in braces.
$(info ${subst a,b,abc)
all: ; @:
