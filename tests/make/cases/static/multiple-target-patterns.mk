# Two target patterns: an error.
a.o: %.o %.x: %.c ; @echo x
