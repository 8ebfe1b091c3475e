# $+ keeps duplicates from explicit lines and the pattern rule; $^ drops them.
all: x.o
x.o: dep.h x.c dep.h
%.o: %.c ; @echo '^=[$^] +=[$+] <=[$<]'
#!file x.c
#!file dep.h
