# Dependency files written by a recipe and included on the next run (here: present already).
-include .x.o.d
x.o: x.c
	@echo 'CC $@'; touch $@
#!file x.c mtime=-10
#!file x.h
#!file x.o mtime=-5
#!file .x.o.d mtime=-5
x.o: x.h
