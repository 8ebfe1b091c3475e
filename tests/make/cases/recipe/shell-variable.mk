# SHELL selects the program that runs recipes; it gets .SHELLFLAGS and the line.
SHELL = ./myshell
all:
	@some recipe text
#!file myshell exec
#!/bin/sh
echo "myshell got: $*"
