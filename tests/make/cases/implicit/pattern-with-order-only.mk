# Pattern rules may have order-only prerequisites.
all: out/x.o
out/%.o: %.c | out ; @echo '$@: ^=$^ |=$|'
out: ; @mkdir out
#!file x.c
