# A suffix rule written with prerequisites is an ordinary target named '.c.o'.
.c.o: dep.h ; @echo 'suffix? $@'
all: x.o
x.o: ; @echo 'explicit x.o'
#!file x.c
#!file dep.h
