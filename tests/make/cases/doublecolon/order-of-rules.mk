# Double-colon recipes run in makefile order.
all:: ; @echo one
x = 1
all:: ; @echo two $(x)
x = 2
all:: ; @echo three
