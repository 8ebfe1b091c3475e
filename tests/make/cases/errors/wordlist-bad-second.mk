# A non-numeric second argument to $(wordlist).
$(info $(wordlist 1,x,a b))
all: ; @:
