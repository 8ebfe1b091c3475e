# '+' lines run as usual when not under -n.
all:
	+@echo plus line
