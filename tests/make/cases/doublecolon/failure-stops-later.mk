# Without -k, a failing double-colon rule stops the later rules of the target.
t:: ; @echo one
t:: ; @echo two; exit 1
t:: ; @echo three
