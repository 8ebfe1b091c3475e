# $(wordlist) beyond the end, and with start greater than end.
$(info [$(wordlist 2,100,a b c)] [$(wordlist 3,2,a b c)] [$(wordlist 4,5,a b c)])
all: ; @:
