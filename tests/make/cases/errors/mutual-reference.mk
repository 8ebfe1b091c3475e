# Two recursive variables referring to each other.
A = a $(B)
B = b $(A)
all: ; @echo $(A)
