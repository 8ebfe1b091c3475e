# A target pattern without % is an error.
a.o: foo.o: %.c ; @echo x
