# $(filter patterns,text) keeps matching words, in order.
files = a.c b.h c.s d.c e
$(info $(filter %.c %.s,$(files)))
$(info $(filter e,$(files)))
$(info [$(filter %.x,$(files))])
$(info $(filter a% %e,$(files)))
$(info $(filter %,$(files)))
all: ; @:
