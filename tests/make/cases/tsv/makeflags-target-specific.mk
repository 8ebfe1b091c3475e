# Variables set for a target are visible in $(shell) within its recipe.
all: v = target
all: ; @echo '$(shell echo $(v))'
