# Blanks around a name are stripped; a name with blanks inside is a syntax error.
  spaced   =   1
$(info [$(spaced)])
a b = inner
$(info [$(a b)])
all: ; @:
