# $(1) of an outer call is restored after a nested $(call) returns.
inner = <$(1)>
outer = $(1) $(call inner,nested) $(1)
$(info $(call outer,top))
all: ; @:
