# A pattern with a directory part matches the rest; $* is the part '%' matched.
all: out/x.o
out/%.o: src/%.c ; @echo '*=$* <=$< @=$@'
#!file src/x.c
