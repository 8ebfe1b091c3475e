# A static pattern rule is explicit: it is used instead of a matching pattern rule.
all: a.o
%.o: %.c ; @echo 'pattern rule'
a.o: %.o: %.s ; @echo 'static rule from $<'
#!file a.c
#!file a.s
