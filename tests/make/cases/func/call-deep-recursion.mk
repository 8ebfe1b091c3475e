# Recursion through $(call) to a depth of 100.
count = $(if $(word 100,$(1)),$(words $(1)),$(call count,$(1) x))
$(info $(call count,x))
all: ; @:
