# In a static pattern rule the stem keeps the directory part.
all: src/x.o
src/x.o: %.o: %.c ; @echo 'stem=$* prereq=$<'
#!file src/x.c
