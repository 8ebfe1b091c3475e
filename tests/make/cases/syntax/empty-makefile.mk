# A makefile with nothing to make.
x = 1
