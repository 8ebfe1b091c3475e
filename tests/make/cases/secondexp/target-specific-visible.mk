# Target-specific variables are in scope when the prerequisites are expanded again.
.SECONDEXPANSION:
all: t
t: DEP = from-target
DEP = global
t: $$(DEP) ; @echo 't needs $^'
from-target global: ; @:
