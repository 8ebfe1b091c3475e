# No pattern rule applies: the message names the target that needed it.
all: x.o
%.o: %.c ; @echo never
