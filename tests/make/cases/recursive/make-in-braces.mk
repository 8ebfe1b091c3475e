# ${MAKE} is recognised like $(MAKE): it runs under -n.
#! args: -n
all: ; ${MAKE} -C sub
#!file sub/Makefile
all: ; echo sub
