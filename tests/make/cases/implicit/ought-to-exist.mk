# A prerequisite mentioned as a target "ought to exist", so the rule applies.
all: x.o
x.c: ; @echo 'making x.c'
%.o: %.c ; @echo '$< -> $@'
