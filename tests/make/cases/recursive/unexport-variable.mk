# 'unexport' keeps an environment variable from a sub-make.
#! env: SECRET=env-value
#! env: KEPT=kept
unexport SECRET
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'SECRET=[$(SECRET)] KEPT=[$(KEPT)]'
