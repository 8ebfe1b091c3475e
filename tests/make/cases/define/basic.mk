# define ... endef keeps newlines; the value is recursive.
define two-lines
first $(x)
second
endef
x = X
$(info $(two-lines))
$(info $(flavor two-lines))
all: ; @:
