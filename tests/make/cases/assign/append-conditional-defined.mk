# '+=' after '?=' (recursive), and '?=' after '+='.
a ?= one $(b)
a += two
b = B
c += x
c ?= ignored
$(info [$(a)] [$(c)])
all: ; @:
