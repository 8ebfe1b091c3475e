# Under -n a chain prints its commands, and also the "rm" of the intermediate file.
#! args: -n
all: x.d
%.d: %.c ; cp $< $@
%.c: %.a ; cp $< $@
#!file x.a
