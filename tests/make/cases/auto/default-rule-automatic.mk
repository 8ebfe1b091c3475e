# Automatic variables in the recipe of .DEFAULT.
all: missing.x
.DEFAULT: ; @echo '.DEFAULT for @=$@ <=[$<]'
