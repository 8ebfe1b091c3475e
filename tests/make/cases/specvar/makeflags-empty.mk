# Without options MAKEFLAGS is empty.
$(info [$(MAKEFLAGS)] $(origin MAKEFLAGS))
all: ; @echo "env: [$$MAKEFLAGS]"
