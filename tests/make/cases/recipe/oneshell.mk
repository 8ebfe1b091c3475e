# .ONESHELL: the whole recipe goes to one shell.
.ONESHELL:
all:
	@x=kept
	echo "x=$$x"
	cd /
	pwd
