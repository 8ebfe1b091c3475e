# Only rules after .SECONDEXPANSION get the second expansion.
all: a b
v = early
a: $$(v)x ; @echo '$@: $^'
.SECONDEXPANSION:
b: $$(v) ; @echo '$@: $^'
v = late
$$(v)x late: ; @:
