# A backslash on the very last line.
#! makefile: Makefile noeol
all: ; @echo x \
