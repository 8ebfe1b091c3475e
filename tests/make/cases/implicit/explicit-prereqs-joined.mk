# A target with an explicit rule without recipe gets its recipe from a pattern rule; prerequisites merge.
all: x.o
x.o: x.h
%.o: %.c ; @echo '$@: <=$< ^=$^'
#!file x.c
#!file x.h
