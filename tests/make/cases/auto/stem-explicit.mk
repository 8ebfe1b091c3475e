# In an explicit rule $* is the target minus a known suffix, else empty.
all: x.c y.unknown
x.c y.unknown:
	@echo '$@: [$*]'
