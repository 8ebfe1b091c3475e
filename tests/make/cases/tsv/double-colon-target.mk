# Target-specific values on a double-colon target.
t: v = val
t:: ; @echo one $(v)
t:: ; @echo two $(v)
