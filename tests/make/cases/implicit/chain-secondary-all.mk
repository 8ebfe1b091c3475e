# With .SECONDARY and no prerequisites, chain files are kept.
.SECONDARY:
all: x.d
%.d: %.c ; @cp $< $@
%.c: %.a ; @cp $< $@
#!file x.a
