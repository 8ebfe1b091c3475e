# -t does not touch phony targets; '+' lines still run.
#! args: -t
.PHONY: all
all: out ; @echo never
out: ; +@echo plus line runs
