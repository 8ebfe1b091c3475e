# With .ONESHELL and a non-POSIX shell, later lines keep their prefix characters.
.ONESHELL:
SHELL = ./show
all:
	@first
	@second
	-third
#!file show exec
#!/bin/sh
printf '[%s]\n' "$@"
