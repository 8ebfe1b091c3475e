# A SHELL that cannot be run.
SHELL = ./noshell
all:
	@echo x
#!file noshell
#!/bin/sh
