# -e: environment variables beat makefile assignments.
#! args: -e
#! env: V=env
V = file
all: ; @echo $(V)
