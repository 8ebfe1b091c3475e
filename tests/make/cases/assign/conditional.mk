# '?=' assigns only when the variable is undefined (an empty value counts as defined).
a = set
a ?= ignored
empty =
empty ?= ignored
new ?= [$(a)]
a = changed
$(info [$(a)] [$(empty)] [$(new)] $(flavor new))
all: ; @:
