# Among applicable rules with equal stems, the first one in the makefile wins.
all: x.o
%.o: %.b ; @echo 'from .b'
%.o: %.a ; @echo 'from .a'
#!file x.a
#!file x.b
