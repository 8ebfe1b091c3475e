# A pattern rule whose prerequisite can't be made is skipped; the next one is used.
all: x.o
%.o: %.f ; @echo fortran
%.o: %.c ; @echo 'c from $<'
#!file x.c
