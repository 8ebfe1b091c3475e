# Text after endef draws a warning.
define a
value
endef extra
$(info [$(a)])
all: ; @:
