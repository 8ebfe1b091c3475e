# With .ONESHELL the prefixes on the first line apply to the whole script.
.ONESHELL:
all:
	@-echo one
	false
	echo after false
