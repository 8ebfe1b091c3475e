# $(shell) sees exported variables too (4.4).
export A = from-make
x := $(shell echo "$$A")
$(info [$(x)])
all: ; @:
