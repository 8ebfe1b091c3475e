# -q with $(MAKE): the sub-make answers.
#! args: -q
all: ; $(MAKE) -f sub.mk
#!file sub.mk
t: ; @echo never
