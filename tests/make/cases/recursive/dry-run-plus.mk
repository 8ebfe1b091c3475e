# Under -n, '+' lines run even without $(MAKE).
#! args: -n
all:
	+echo plus > plus.txt
	echo no > no.txt
