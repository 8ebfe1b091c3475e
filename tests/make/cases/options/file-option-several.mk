# Several -f options are read in order.
#! args: -f a.mk -f b.mk
#! makefile: none
#!file a.mk
A = a
first: ; @echo first $(A) $(B)
#!file b.mk
B = b
