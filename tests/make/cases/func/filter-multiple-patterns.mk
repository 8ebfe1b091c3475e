# $(filter) and $(filter-out) with several patterns, including a bare word.
L = a.c b.h c.s d.c Makefile
$(info [$(filter %.c Makefile,$(L))] [$(filter-out %.c %.h,$(L))])
all: ; @:
