# A makefile assignment beats the environment...
#! env: FOO=from-env
FOO = from-makefile
$(info $(FOO) $(origin FOO))
all: ; @echo "recipe: $$FOO"
