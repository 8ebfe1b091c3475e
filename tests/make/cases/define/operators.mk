# define with '=', ':=', '::=', ':::=', '+=' and '?='.
x = early
define a :=
$(x)
endef
define b =
$(x)
endef
define c ::=
$(x)
endef
define d :::=
$(x) $$x
endef
define b +=
more $(x)
endef
define e ?=
set
endef
define e ?=
not set again
endef
x = late
$(info [$(a)] [$(b)] [$(c)] [$(d)] [$(e)])
$(info $(flavor a) $(flavor b) $(flavor c) $(flavor d) $(flavor e))
all: ; @:
