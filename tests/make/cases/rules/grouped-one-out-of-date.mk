# If any grouped target is out of date, the recipe runs once.
all: x.h x.c
x.h x.c &: x.y
	@echo 'run for $@'
	@touch x.h x.c
#!file x.y mtime=-5
#!file x.h mtime=-1
#!file x.c mtime=-10
