# A try-run style probe: $(shell) with a fallback, cached in a simple variable.
try-run = $(shell if ($(1)) >/dev/null 2>&1; then echo "$(2)"; else echo "$(3)"; fi)
cc-option = $(call try-run,$(2),$(1),)
X := $(call cc-option,-good,true) $(call cc-option,-bad,false)
$(info [$(strip $(X))])
all: ; @:
