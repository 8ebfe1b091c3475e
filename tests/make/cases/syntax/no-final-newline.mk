# A makefile without a final newline.
#! makefile: Makefile noeol
all: ; @echo no newline at end
