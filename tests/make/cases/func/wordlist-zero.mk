# $(wordlist 0,...) is an error.
$(info $(wordlist 0,2,a b c))
all: ; @:
