# define without a name is fatal.
define
x
endef
all: ; @:
