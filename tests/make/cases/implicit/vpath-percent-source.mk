# A source found through 'vpath %.c dir' by an implicit rule; $< is the found path.
vpath %.c src
all: m.o
%.o: %.c ; @echo '$@ from $<'
#!file src/m.c
