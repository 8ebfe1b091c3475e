# .ONESHELL applies to all recipes of the makefile.
.ONESHELL:
all: a
	@cd /
	pwd
a:
	@v=1
	echo v=$$v
