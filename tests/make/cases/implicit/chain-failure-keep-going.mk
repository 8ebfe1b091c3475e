# With -k, a chain that fails in its last step still removes the intermediate file.
#! args: -k
all: x.d y.d
%.d: %.c ; @echo 'making $@'; exit 1
%.c: %.a ; @cp $< $@
#!file x.a
#!file y.a
