# 'unexport' hides an environment variable from recipes.
#! env: FROMENV=env
#! env: KEEP=kept
unexport FROMENV
all:
	@echo "FROMENV=$${FROMENV-unset} KEEP=$${KEEP-unset} make sees $(FROMENV)"
