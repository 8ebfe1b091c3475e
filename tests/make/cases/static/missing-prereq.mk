# A static pattern prerequisite that cannot be made: "No rule", needed by the target.
all: a.o
a.o: %.o: %.c ; @echo never
