# '+=' on a recursive variable is not a self reference.
A = one
A += $(B)
B = two
all: ; @echo '$(A)'
