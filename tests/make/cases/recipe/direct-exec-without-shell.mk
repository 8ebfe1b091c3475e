# A line without shell syntax may be run without a shell: the error comes from make.
all:
	@./not-there arg
