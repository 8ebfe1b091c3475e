# A zero start index to $(wordlist).
$(info $(wordlist 0,2,a b))
all: ; @:
