# MAKEFILE_LIST: each makefile as it is read; lastword is the current one.
#! args: -f main.mk
#! makefile: main.mk
$(info start: $(MAKEFILE_LIST))
include a.mk
$(info end: $(MAKEFILE_LIST))
all: ; @:
#!file a.mk
$(info in a.mk: $(lastword $(MAKEFILE_LIST)))
-include missing.mk
include a2.mk
#!file a2.mk
