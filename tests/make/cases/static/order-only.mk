# Order-only prerequisites in a static pattern rule.
all: out/a.o
out/a.o: out/%.o: %.c | out ; @echo '$@ ^[$^] |[$|]'
out: ; @mkdir $@
#!file a.c
