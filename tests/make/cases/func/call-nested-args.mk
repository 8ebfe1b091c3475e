# Arguments of an outer call are not visible as $(1) inside a nested call's body,
# unless passed on; more than the used arguments is fine.
outer = $(call inner,$(1)-passed) [$(2)]
inner = ($(1),$(2))
$(info $(call outer,a,b,c,d))
all: ; @:
