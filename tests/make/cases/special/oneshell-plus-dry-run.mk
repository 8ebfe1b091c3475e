# Under -n, a .ONESHELL recipe starting with '+' runs.
#! args: -n
.ONESHELL:
all:
	+echo ran > ran.txt
	echo second line
