# SHELL from the environment is not used; recipes run with /bin/sh.
#! env: SHELL=/bin/false
all: ; @echo '$(SHELL) $(origin SHELL)'
