# .EXTRA_PREREQS are made first but do not appear in $^ (global and per target).
.EXTRA_PREREQS = global-extra
all: a b
a: x ; @echo '$@: ^=$^'
b: .EXTRA_PREREQS = b-extra
b: y ; @echo '$@: ^=$^'
global-extra b-extra x y: ; @echo make $@
