# --jobs=2 and -j 2 are the same; MAKEFLAGS shows -j2 in recipes.
#! args: --jobs=2
all: ; @echo '$(filter -j%,$(MAKEFLAGS))'
