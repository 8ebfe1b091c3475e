# A three-step chain: both intermediate files are removed in one 'rm' line.
all: x.d
%.d: %.c ; @cp $< $@
%.c: %.b ; @cp $< $@
%.b: %.a ; @cp $< $@
#!file x.a
