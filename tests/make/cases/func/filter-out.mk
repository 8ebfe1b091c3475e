# $(filter-out patterns,text) drops matching words.
files = a.c b.h c.s d.c
$(info $(filter-out %.c,$(files)))
$(info $(filter-out a.c d.c,$(files) a.c))
all: ; @:
