# '::' after ':' for one target is a fatal error too.
t: ; @echo a
t:: ; @echo b
