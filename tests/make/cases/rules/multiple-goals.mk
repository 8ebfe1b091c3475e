# Several goals on the command line are made in order.
#! args: c a b
a b c: ; @echo $@
