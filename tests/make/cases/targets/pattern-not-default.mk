# A pattern rule is never the default goal; the next explicit rule is.
%.x: ; @echo pattern
real: ; @echo real
