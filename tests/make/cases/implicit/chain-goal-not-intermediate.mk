# A chain file named on the command line is a goal, not intermediate: it is kept.
#! args: x.c x.d
%.d: %.c ; @cp $< $@
%.c: %.a ; @cp $< $@
#!file x.a
