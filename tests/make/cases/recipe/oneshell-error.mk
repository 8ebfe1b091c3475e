# Under .ONESHELL with the default flags, only the last command's status counts.
.ONESHELL:
all:
	@false
	echo after false
