# ':' after '::' for one target is a fatal error.
t:: ; @echo a
t: ; @echo b
