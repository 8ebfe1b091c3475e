# 'override define' beats the command line; 'export define' exports.
#! args: a=cmd
override define a
from define
endef
export define b
exported
endef
$(info $(a) $(origin a))
all: ; @echo "$$b"
