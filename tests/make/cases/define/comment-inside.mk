# A '#' inside a define is part of the value, and so is a backslash-newline.
define a
text # not a comment
joined \
line
endef
$(info [$(a)])
all: ; @:
