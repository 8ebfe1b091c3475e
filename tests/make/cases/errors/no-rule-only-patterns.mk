# Only pattern rules: there are no targets to make.
%.o: %.c ; @echo never
