# Conditional lines inside define are part of the value, evaluated at $(eval).
define body
ifeq ($(1),yes)
r := said yes
else
r := said no
endif
endef
$(eval $(call body,yes))
$(info $(r))
$(eval $(call body,no))
$(info $(r))
all: ; @:
