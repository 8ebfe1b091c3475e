# $(shell) uses SHELL and .SHELLFLAGS.
SHELL = ./myshell
$(info [$(shell anything)])
all: ; @:
#!file myshell exec
#!/bin/sh
echo "myshell: $*"
