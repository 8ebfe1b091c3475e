# .SECONDEXPANSION: '$$' references in prerequisites are expanded again, per target.
.SECONDEXPANSION:
all: a b
a_deps = a1 a2
b_deps = b1
a b: $$($$@_deps) ; @echo '$@: $^'
a1 a2 b1: ; @:
