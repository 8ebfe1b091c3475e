# Brackets of both kinds inside arguments: an error make reports this way.
$(info ${subst a,b,aaa} $(subst {,<,a{b}) ${subst ),],a)b})
all: ; @:
