# No pattern rule applies: the message names the target.
all: x.o
%.o: %.c ; @echo never
