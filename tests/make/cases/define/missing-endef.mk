# A define without endef is fatal at the end of the file.
define a
value
all: ; @:
