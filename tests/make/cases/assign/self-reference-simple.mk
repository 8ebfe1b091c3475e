# With ':=' the old value is used, which is fine.
a = base
a := $(a) more
a := $(a) again
$(info $(a))
all: ; @:
