# A define inside a define is part of the value, until its own endef.
define outer
define inner
inner text
endef
endef
$(info [$(value outer)])
$(eval $(outer))
$(info [$(inner)])
all: ; @:
