# Nothing between the two colons: "missing target pattern".
a.o: : %.c ; @echo x
