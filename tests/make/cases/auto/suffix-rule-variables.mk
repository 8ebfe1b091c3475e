# Automatic variables in a suffix rule.
.SUFFIXES: .in .out
.in.out:
	@echo '@=$@ <=$< *=$*'
all: x.out
#!file x.in
