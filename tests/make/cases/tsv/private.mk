# A 'private' target-specific value is not inherited by prerequisites.
v = global
all: private v = private-value
all: dep ; @echo '$@: $(v)'
dep: ; @echo '$@: $(v)'
