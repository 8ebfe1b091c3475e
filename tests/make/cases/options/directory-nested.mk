# Several -C options accumulate: -C a -C b is a/b.
#! args: -C a -C b
#! makefile: none
#!file a/b/Makefile
all: ; @echo 'in a/b: $(notdir $(CURDIR))'
